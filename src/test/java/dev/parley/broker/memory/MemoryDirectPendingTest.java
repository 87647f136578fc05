package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import dev.parley.broker.UserBus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDirectPendingTest {
    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofDays(30), clock);
    private final UserBus users = broker.users();

    private static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    void takesTheUndeliveredMessagesOldestFirst() {
        users.send("alice", "bob", "m1");
        clock.advance(Duration.ofSeconds(1));
        users.send("carol", "bob", "m2");
        clock.advance(Duration.ofSeconds(1));
        users.send("alice", "bob", "m3");
        Replay<DirectMessage> pending = users.takePending("bob");
        assertEquals(List.of("m1", "m2", "m3"), texts(pending));
        assertNull(pending.recovered());
        assertEquals(3, pending.covered(), "covered up to the newest pending message");
    }

    @Test
    void aSecondTakeReturnsNone() {
        users.send("alice", "bob", "m1");
        users.send("alice", "bob", "m2");
        users.takePending("bob");
        Replay<DirectMessage> again = users.takePending("bob");
        assertEquals(List.of(), again.messages());
        assertEquals(0, again.covered());
    }

    @Test
    void skipsMessagesAlreadyDelivered() {
        users.send("alice", "bob", "stored-1");
        users.online("bob");
        users.send("alice", "bob", "delivered-2");
        users.offline("bob");
        users.send("alice", "bob", "stored-3");
        Replay<DirectMessage> pending = users.takePending("bob");
        assertEquals(List.of("stored-1", "stored-3"), texts(pending));
        assertEquals(3, pending.covered());
    }

    @Test
    void aUserWithNoMessagesHasNonePending() {
        Replay<DirectMessage> pending = users.takePending("nobody");
        assertEquals(List.of(), pending.messages());
        assertEquals(0, pending.covered());
        assertEquals(0, broker.topics(), "asking leaves nothing behind");
    }
}
