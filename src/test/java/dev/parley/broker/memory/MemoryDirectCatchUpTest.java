package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Broker;
import dev.parley.broker.DirectCatchUpContract;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDirectCatchUpTest extends DirectCatchUpContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, clock);
    }

    @Test
    void anIdFromAnotherBrokerGivesThePendingMessagesNotRecovered() {
        deliveredThenStored();
        clock.advance(Duration.ofSeconds(1)); // another broker: each of its streams has an epoch of its own
        MemoryBroker other = new MemoryBroker(10, inboxSize(), Duration.ofDays(30), clock);
        try {
            String foreign = other.users().send("alice", "bob", "elsewhere").message().id();
            Replay<DirectMessage> replay = users.catchUp("bob", foreign);
            assertEquals(List.of("m3", "m4"), texts(replay));
            assertEquals(Boolean.FALSE, replay.recovered());
        } finally {
            other.close();
        }
    }
}
