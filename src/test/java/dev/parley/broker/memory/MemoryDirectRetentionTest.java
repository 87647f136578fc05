package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import dev.parley.broker.UserBus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryDirectRetentionTest {
    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofHours(1), clock);
    private final UserBus users = broker.users();

    @AfterEach
    void close() {
        broker.close();
    }

    private static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    void sweepDropsOldMessagesAndCountsOnlyUndeliveredOnes() {
        String oldStored = users.send("alice", "bob", "old-stored").message().id();
        users.send("alice", "carol", "old-stored-for-carol");
        users.online("bob");
        users.delivered("bob", users.send("alice", "bob", "old-delivered").message().seq());
        users.offline("bob");
        clock.advance(Duration.ofMinutes(90));
        users.send("alice", "bob", "new-stored");

        broker.sweep();

        assertEquals(2, broker.expired(), "old-stored and old-stored-for-carol");
        assertEquals(List.of("new-stored"), texts(users.pending("bob")));
        assertEquals(List.of(), texts(users.pending("carol")));
        Replay<DirectMessage> replay = users.catchUp("bob", oldStored);
        assertEquals(Boolean.FALSE, replay.recovered(), "what came after the id is gone");
        assertEquals(1, broker.undelivered());
    }

    @Test
    void aStreamedMessageNeverWrittenExpiresAsUndelivered() {
        users.online("bob");
        users.send("alice", "bob", "streamed, never written");
        clock.advance(Duration.ofMinutes(90));
        broker.sweep();
        assertEquals(1, broker.expired());
        assertEquals(List.of(), users.pending("bob").messages());
    }

    @Test
    void sweepKeepsMessagesWithinTheRetention() {
        users.send("alice", "bob", "m1");
        clock.advance(Duration.ofMinutes(59));
        broker.sweep();
        assertEquals(0, broker.expired());
        assertEquals(List.of("m1"), texts(users.pending("bob")));
    }

    @Test
    void pendingAndCatchUpDropExpiredMessagesWithoutASweep() {
        users.send("alice", "bob", "m1");
        clock.advance(Duration.ofMinutes(90));
        assertEquals(List.of(), users.pending("bob").messages());
        assertEquals(1, broker.expired());
    }

    @Test
    void expiredCountsAccumulateAcrossSweeps() {
        users.send("alice", "bob", "m1");
        clock.advance(Duration.ofHours(2));
        broker.sweep();
        users.send("alice", "bob", "m2");
        users.send("alice", "bob", "m3");
        clock.advance(Duration.ofHours(2));
        broker.sweep();
        broker.sweep();
        assertEquals(3, broker.expired());
    }

    @Test
    void sweptMessagesFreeTheInbox() {
        MemoryBroker small = new MemoryBroker(10, 2, Duration.ofHours(1), clock);
        try {
            small.users().send("alice", "bob", "m1");
            small.users().send("alice", "bob", "m2");
            clock.advance(Duration.ofHours(2));
            small.sweep();
            small.users().send("alice", "bob", "m3");
            small.users().send("alice", "bob", "m4");
            assertEquals(List.of("m3", "m4"), texts(small.users().pending("bob")));
            assertEquals(2, small.expired());
        } finally {
            small.close();
        }
    }
}
