package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's pending direct messages: those not yet written to one of its connections. */
public abstract class DirectPendingContract extends BrokerContract {

    protected static List<String> texts(Replay<DirectMessage> replay) {
        return replay.messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    public void listsTheUndeliveredMessagesOldestFirst() {
        users.send("alice", "bob", "m1");
        users.send("carol", "bob", "m2");
        users.send("alice", "bob", "m3");
        Replay<DirectMessage> pending = users.pending("bob");
        assertEquals(List.of("m1", "m2", "m3"), texts(pending));
        assertNull(pending.recovered());
        assertEquals(3, pending.covered(), "covered up to the newest pending message");
    }

    @Test
    public void readingThePendingMessagesDeliversNone() {
        users.send("alice", "bob", "m1");
        users.send("alice", "bob", "m2");
        users.pending("bob");
        assertEquals(List.of("m1", "m2"), texts(users.pending("bob")), "a connection that never wrote them");
    }

    @Test
    public void deliveredMessagesAreNoLongerPending() {
        users.send("alice", "bob", "m1");
        users.send("alice", "bob", "m2");
        users.send("alice", "bob", "m3");
        users.delivered("bob", 2);
        Replay<DirectMessage> pending = users.pending("bob");
        assertEquals(List.of("m1", "m3"), texts(pending));
        assertEquals(3, pending.covered());
        users.delivered("bob", 1);
        users.delivered("bob", 3);
        Replay<DirectMessage> none = users.pending("bob");
        assertEquals(List.of(), none.messages());
        assertEquals(0, none.covered());
        assertEquals(0, broker.undelivered());
    }

    @Test
    public void deliveredIsIdempotentAndIgnoresUnknownPositions() {
        users.send("alice", "bob", "m1");
        users.send("alice", "bob", "m2");
        users.delivered("bob", 1);
        users.delivered("bob", 1);
        users.delivered("bob", 99);
        users.delivered("bob", 0);
        assertEquals(List.of("m2"), texts(users.pending("bob")));
        assertEquals(1, broker.undelivered(), "counted down once");
    }

    @Test
    public void skipsMessagesAlreadyDelivered() {
        users.send("alice", "bob", "stored-1");
        users.online("bob");
        long live = users.send("alice", "bob", "delivered-2").message().seq();
        users.delivered("bob", live);
        users.offline("bob");
        users.send("alice", "bob", "stored-3");
        Replay<DirectMessage> pending = users.pending("bob");
        assertEquals(List.of("stored-1", "stored-3"), texts(pending));
        assertEquals(3, pending.covered());
    }

    @Test
    public void aMessageToAnOnlineUserIsPendingUntilDelivered() {
        users.online("bob");
        long seq = users.send("alice", "bob", "live").message().seq();
        assertEquals(List.of("live"), texts(users.pending("bob")));
        assertEquals(1, broker.undelivered());
        users.delivered("bob", seq);
        assertEquals(List.of(), users.pending("bob").messages());
    }

    @Test
    public void aUserWithNoMessagesHasNonePending() {
        Replay<DirectMessage> pending = users.pending("nobody");
        assertEquals(List.of(), pending.messages());
        assertEquals(0, pending.covered());
    }
}
