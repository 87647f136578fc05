package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user retains: at most the inbox size, the oldest delivered messages going first. */
public abstract class DirectEvictionContract extends BrokerContract {
    private static final int INBOX = 3;

    @Override
    protected int inboxSize() {
        return INBOX;
    }

    protected static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    protected DirectMessage sendAndDeliver(String text) {
        DirectMessage m = users.send("alice", "bob", text).message();
        users.delivered("bob", m.seq());
        return m;
    }

    @Test
    public void theOldestDeliveredMessageGoesFirstNeverAnUndeliveredOne() {
        String first = users.send("alice", "bob", "stored-1").message().id();
        users.online("bob");
        String second = sendAndDeliver("delivered-2").id();
        sendAndDeliver("delivered-3");
        users.offline("bob");

        users.send("alice", "bob", "stored-4"); // the inbox is at 3: delivered-2 must go, not stored-1

        Replay<DirectMessage> afterSecond = users.catchUp("bob", second);
        assertEquals(Boolean.TRUE, afterSecond.recovered(), "everything after delivered-2 is kept");
        assertEquals(List.of("delivered-3", "stored-4"), texts(afterSecond));
        Replay<DirectMessage> afterFirst = users.catchUp("bob", first);
        assertEquals(Boolean.FALSE, afterFirst.recovered(), "delivered-2 is gone");
        assertEquals(List.of("stored-1", "stored-4"), texts(afterFirst), "stored-1 is kept and still pending");
    }

    @Test
    public void deliveredMessagesAreRetainedUpToTheLimitNewestKept() {
        users.online("bob");
        String d1 = sendAndDeliver("d1").id();
        String d2 = sendAndDeliver("d2").id();
        for (int i = 3; i <= 5; i++) {
            sendAndDeliver("d" + i);
        }
        Replay<DirectMessage> afterD2 = users.catchUp("bob", d2);
        assertEquals(List.of("d3", "d4", "d5"), texts(afterD2));
        assertEquals(Boolean.TRUE, afterD2.recovered());
        Replay<DirectMessage> afterD1 = users.catchUp("bob", d1);
        assertEquals(Boolean.FALSE, afterD1.recovered(), "d2 is gone");
        assertEquals(List.of(), afterD1.messages(), "nothing was pending");
    }

    @Test
    public void undeliveredMessagesAreNeverEvictedEvenForAnOnlineReceiver() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "stored-" + i);
        }
        users.online("bob");
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "live-4"),
                "every retained message is still pending");
        assertEquals(List.of("stored-1", "stored-2", "stored-3"), texts(users.pending("bob")));

        users.delivered("bob", 1);
        assertTrue(users.send("alice", "bob", "live-4").delivered(), "stored-1 was written: it may go");
        assertEquals(List.of("stored-2", "stored-3", "live-4"), texts(users.pending("bob")));
    }
}
