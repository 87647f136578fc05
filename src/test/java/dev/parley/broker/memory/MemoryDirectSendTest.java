package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Broker;
import dev.parley.broker.DirectSendContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryDirectSendTest extends DirectSendContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, clock);
    }

    @Test
    void theTimeIsTheClocksExactTime() {
        assertEquals(Instant.parse("2025-03-01T10:00:00.123456Z"), users.send("alice", "bob", "hi").message().ts(),
                "the clock's exact time, for latency");
    }
}
