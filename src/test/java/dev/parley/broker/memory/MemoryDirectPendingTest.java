package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Broker;
import dev.parley.broker.DirectPendingContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryDirectPendingTest extends DirectPendingContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, clock);
    }

    @Test
    void askingAboutAUserWithNoMessagesLeavesNothingBehind() {
        users.pending("nobody");
        assertEquals(0, ((MemoryBroker) broker).topics());
    }
}
