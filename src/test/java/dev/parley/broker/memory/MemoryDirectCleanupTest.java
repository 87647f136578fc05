package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryDirectCleanupTest {
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofDays(30), new MutableClock());
    private final UserBus users = broker.users();

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void aUserConnectedAndGoneWithNoMessageLeavesNothingBehind() {
        Subscription subscription = users.subscribe("bob", m -> { });
        users.online("bob");
        users.online("bob");
        users.pending("bob");
        users.catchUp("bob", "not-an-id");
        users.offline("bob");
        users.offline("bob");
        assertEquals(1, broker.topics(), "still subscribed");
        subscription.close();
        assertEquals(0, broker.topics());
    }

    @Test
    void aUserWhoGotAMessageKeepsIt() {
        users.send("alice", "bob", "hi");
        assertEquals(1, broker.topics());
        assertEquals(1, users.pending("bob").messages().size());
        users.delivered("bob", 1);
        assertEquals(1, broker.topics(), "delivered messages are retained for resume");
    }

    @Test
    void deliveredForAUserWithNothingLeavesNothingBehind() {
        users.delivered("nobody", 1);
        assertEquals(0, broker.topics());
    }
}
