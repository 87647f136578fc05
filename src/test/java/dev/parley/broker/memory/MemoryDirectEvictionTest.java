package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import dev.parley.broker.UserBus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDirectEvictionTest {
    private static final int INBOX = 3;
    private final MemoryBroker broker = new MemoryBroker(10, INBOX, Duration.ofDays(30), new MutableClock());
    private final UserBus users = broker.users();

    private static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    void theOldestDeliveredMessageGoesFirstNeverAnUndeliveredOne() {
        String first = users.send("alice", "bob", "stored-1").message().id();
        users.online("bob");
        String second = users.send("alice", "bob", "delivered-2").message().id();
        users.send("alice", "bob", "delivered-3");
        users.offline("bob");

        users.send("alice", "bob", "stored-4"); // the inbox is at 3: delivered-2 must go, not stored-1

        Replay<DirectMessage> afterSecond = users.catchUp("bob", second);
        assertEquals(Boolean.TRUE, afterSecond.recovered(), "everything after delivered-2 is kept");
        assertEquals(List.of("delivered-3", "stored-4"), texts(afterSecond));
        Replay<DirectMessage> afterFirst = users.catchUp("bob", first);
        assertEquals(Boolean.FALSE, afterFirst.recovered(), "delivered-2 is gone");
        assertEquals(List.of("stored-1"), texts(afterFirst), "stored-1 is kept and still pending");
    }

    @Test
    void deliveredMessagesAreRetainedUpToTheLimitNewestKept() {
        users.online("bob");
        String d1 = users.send("alice", "bob", "d1").message().id();
        String d2 = users.send("alice", "bob", "d2").message().id();
        for (int i = 3; i <= 5; i++) {
            users.send("alice", "bob", "d" + i);
        }
        Replay<DirectMessage> afterD2 = users.catchUp("bob", d2);
        assertEquals(List.of("d3", "d4", "d5"), texts(afterD2));
        assertEquals(Boolean.TRUE, afterD2.recovered());
        Replay<DirectMessage> afterD1 = users.catchUp("bob", d1);
        assertEquals(Boolean.FALSE, afterD1.recovered(), "d2 is gone");
        assertEquals(List.of(), afterD1.messages(), "nothing was pending");
    }

    @Test
    void undeliveredMessagesAreNeverEvictedEvenPastTheLimit() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "stored-" + i);
        }
        users.online("bob");
        users.send("alice", "bob", "live-4");
        users.send("alice", "bob", "live-5");
        assertEquals(List.of("stored-1", "stored-2", "stored-3"), texts(users.takePending("bob")));
    }
}
