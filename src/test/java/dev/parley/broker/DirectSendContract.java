package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.UserBus.Sent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sending a direct message: streamed to an online receiver, else stored; the inbox limit. */
public abstract class DirectSendContract extends BrokerContract {
    private static final int INBOX = 3;

    @Override
    protected int inboxSize() {
        return INBOX;
    }

    private List<String> pendingTexts(String user) {
        return users.pending(user).messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    public void aMessageToAnOfflineUserIsStored() {
        Received<DirectMessage> live = new Received<>();
        users.subscribe("bob", live);
        Sent sent = users.send("alice", "bob", "hi");
        assertFalse(sent.delivered());
        DirectMessage m = sent.message();
        assertEquals("alice", m.from());
        assertEquals("bob", m.to());
        assertEquals("hi", m.text());
        assertEquals(1, m.seq());
        assertNotNull(m.ts());
        assertEquals(List.of(m), users.pending("bob").messages());
        assertEquals(1, broker.undelivered());

        users.online("bob");
        Sent marker = users.send("alice", "bob", "marker");
        assertEquals(List.of(marker.message()), live.await(1), "nobody was online to get the first");
    }

    @Test
    public void aMessageToAnOnlineUserIsStreamedToItsSubscribersAndPendingUntilDelivered() {
        Received<DirectMessage> first = new Received<>();
        Received<DirectMessage> second = new Received<>();
        users.subscribe("bob", first);
        users.subscribe("bob", second);
        users.online("bob");
        Sent sent = users.send("alice", "bob", "hi");
        assertTrue(sent.delivered());
        assertEquals(List.of(sent.message()), first.await(1));
        assertEquals(List.of(sent.message()), second.await(1));
        assertEquals(List.of(sent.message()), users.pending("bob").messages(), "not written to a connection yet");
        users.delivered("bob", sent.message().seq());
        assertEquals(List.of(), users.pending("bob").messages());
    }

    @Test
    public void aUserIsOnlineWhileAnyOfItsConnectionsIs() {
        users.online("bob");
        users.online("bob");
        users.offline("bob");
        assertTrue(users.send("alice", "bob", "one connection left").delivered());
        users.offline("bob");
        assertFalse(users.send("alice", "bob", "none left").delivered());
    }

    @Test
    public void extraOfflineCallsDoNotMakeAUserLessThanOffline() {
        users.offline("bob");
        users.offline("bob");
        users.online("bob");
        assertTrue(users.send("alice", "bob", "hi").delivered());
    }

    @Test
    public void aFullInboxRefusesAndStoresNothing() {
        for (int i = 1; i <= INBOX; i++) {
            assertFalse(users.send("alice", "bob", "m" + i).delivered());
        }
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "one too many"));
        assertThrows(InboxFullException.class, () -> users.send("carol", "bob", "another"));
        assertEquals(List.of("m1", "m2", "m3"), pendingTexts("bob"));
    }

    @Test
    public void anOnlineReceiverWhoseRetainedMessagesAreAllPendingIsRefusedAtTheInboxSize() {
        users.online("bob");
        for (int i = 1; i <= INBOX; i++) {
            assertTrue(users.send("alice", "bob", "m" + i).delivered());
        }
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "never written"));
        assertEquals(List.of("m1", "m2", "m3"), pendingTexts("bob"));
    }

    @Test
    public void aFullInboxOfDeliveredMessagesDoesNotRefuseAnOnlineReceiver() {
        users.online("bob");
        for (int i = 1; i <= INBOX; i++) {
            users.delivered("bob", users.send("alice", "bob", "m" + i).message().seq());
        }
        assertTrue(users.send("alice", "bob", "live").delivered(), "the oldest delivered one makes room");
        assertEquals(List.of("live"), pendingTexts("bob"));
    }

    @Test
    public void aFullInboxRefusesAnOnlineReceiverToo() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        users.online("bob");
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "live"),
                "nothing delivered to make room: the pending ones are never evicted");
    }

    @Test
    public void deliveringThePendingMessagesMakesRoomInTheInbox() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        for (long seq = 1; seq <= INBOX; seq++) {
            users.delivered("bob", seq);
        }
        assertFalse(users.send("alice", "bob", "m4").delivered());
        assertEquals(List.of("m4"), pendingTexts("bob"));
    }

    @Test
    public void inboxesArePerUser() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        assertFalse(users.send("alice", "carol", "hi").delivered());
        assertEquals(1, users.pending("carol").messages().size());
    }

    @Test
    public void aDisconnectReachesEveryListenerAndOnlyThoseListening() {
        Received<Disconnect> first = new Received<>();
        Received<Disconnect> second = new Received<>();
        Subscription one = broker.disconnects().subscribe(first);
        try (Subscription two = broker.disconnects().subscribe(second)) {
            broker.disconnects().request(new Disconnect("bob", 4403, "banned"));
            assertEquals(List.of(new Disconnect("bob", 4403, "banned")), first.await(1));
            assertEquals(List.of(new Disconnect("bob", 4403, "banned")), second.await(1));
            one.close();
            broker.disconnects().request(new Disconnect("carol", 1000, ""));
            assertEquals(new Disconnect("carol", 1000, ""), second.await(2).get(1));
        }
        assertEquals(1, first.size(), "a closed subscription hears nothing more");
    }
}
