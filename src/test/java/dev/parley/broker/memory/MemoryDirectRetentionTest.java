package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import dev.parley.broker.UserBus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDirectRetentionTest {
    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofHours(1), clock);
    private final UserBus users = broker.users();

    private static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    void sweepDropsOldMessagesAndCountsOnlyUndeliveredOnes() {
        String oldStored = users.send("alice", "bob", "old-stored").message().id();
        users.send("alice", "carol", "old-stored-for-carol");
        users.online("bob");
        users.send("alice", "bob", "old-delivered");
        users.offline("bob");
        clock.advance(Duration.ofMinutes(90));
        users.send("alice", "bob", "new-stored");

        broker.sweep();

        assertEquals(2, broker.expired(), "old-stored and old-stored-for-carol");
        assertEquals(List.of("new-stored"), texts(users.takePending("bob")));
        assertEquals(List.of(), texts(users.takePending("carol")));
        Replay<DirectMessage> replay = users.catchUp("bob", oldStored);
        assertEquals(Boolean.FALSE, replay.recovered(), "what came after the id is gone");
    }

    @Test
    void sweepKeepsMessagesWithinTheRetention() {
        users.send("alice", "bob", "m1");
        clock.advance(Duration.ofMinutes(59));
        broker.sweep();
        assertEquals(0, broker.expired());
        assertEquals(List.of("m1"), texts(users.takePending("bob")));
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
        small.users().send("alice", "bob", "m1");
        small.users().send("alice", "bob", "m2");
        clock.advance(Duration.ofHours(2));
        small.sweep();
        small.users().send("alice", "bob", "m3");
        small.users().send("alice", "bob", "m4");
        assertEquals(List.of("m3", "m4"), texts(small.users().takePending("bob")));
        assertEquals(2, small.expired());
    }
}
