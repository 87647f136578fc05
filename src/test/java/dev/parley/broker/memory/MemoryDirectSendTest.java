package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.UserBus;
import dev.parley.broker.UserBus.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryDirectSendTest {
    private static final int INBOX = 3;
    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(10, INBOX, Duration.ofDays(30), clock);
    private final UserBus users = broker.users();

    @AfterEach
    void close() {
        broker.close();
    }

    private List<String> pendingTexts(String user) {
        return users.pending(user).messages().stream().map(DirectMessage::text).toList();
    }

    @Test
    void aMessageToAnOfflineUserIsStored() {
        List<DirectMessage> live = new ArrayList<>();
        users.subscribe("bob", live::add);
        Sent sent = users.send("alice", "bob", "hi");
        assertFalse(sent.delivered());
        assertEquals(List.of(), live, "nobody is online to get it");
        DirectMessage m = sent.message();
        assertEquals("alice", m.from());
        assertEquals("bob", m.to());
        assertEquals("hi", m.text());
        assertEquals(1, m.seq());
        assertEquals(Instant.parse("2025-03-01T10:00:00.123456Z"), m.ts(), "the clock's exact time, for latency");
        assertEquals(List.of(m), users.pending("bob").messages());
        assertEquals(1, broker.undelivered());
    }

    @Test
    void aMessageToAnOnlineUserIsStreamedToItsSubscribersAndPendingUntilDelivered() {
        List<DirectMessage> first = new ArrayList<>();
        List<DirectMessage> second = new ArrayList<>();
        users.subscribe("bob", first::add);
        users.subscribe("bob", second::add);
        users.online("bob");
        Sent sent = users.send("alice", "bob", "hi");
        assertTrue(sent.delivered());
        assertEquals(List.of(sent.message()), first);
        assertEquals(List.of(sent.message()), second);
        assertEquals(List.of(sent.message()), users.pending("bob").messages(), "not written to a connection yet");
        users.delivered("bob", sent.message().seq());
        assertEquals(List.of(), users.pending("bob").messages());
    }

    @Test
    void aUserIsOnlineWhileAnyOfItsConnectionsIs() {
        users.online("bob");
        users.online("bob");
        users.offline("bob");
        assertTrue(users.send("alice", "bob", "one connection left").delivered());
        users.offline("bob");
        assertFalse(users.send("alice", "bob", "none left").delivered());
    }

    @Test
    void extraOfflineCallsDoNotMakeAUserLessThanOffline() {
        users.offline("bob");
        users.offline("bob");
        users.online("bob");
        assertTrue(users.send("alice", "bob", "hi").delivered());
    }

    @Test
    void aFullInboxRefusesAndStoresNothing() {
        for (int i = 1; i <= INBOX; i++) {
            assertFalse(users.send("alice", "bob", "m" + i).delivered());
        }
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "one too many"));
        assertThrows(InboxFullException.class, () -> users.send("carol", "bob", "another"));
        assertEquals(List.of("m1", "m2", "m3"), pendingTexts("bob"));
    }

    @Test
    void anOnlineReceiverWhoseRetainedMessagesAreAllPendingIsRefusedAtTheInboxSize() {
        users.online("bob");
        for (int i = 1; i <= INBOX; i++) {
            assertTrue(users.send("alice", "bob", "m" + i).delivered());
        }
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "never written"));
        assertEquals(List.of("m1", "m2", "m3"), pendingTexts("bob"));
    }

    @Test
    void aFullInboxOfDeliveredMessagesDoesNotRefuseAnOnlineReceiver() {
        users.online("bob");
        for (int i = 1; i <= INBOX; i++) {
            users.delivered("bob", users.send("alice", "bob", "m" + i).message().seq());
        }
        assertTrue(users.send("alice", "bob", "live").delivered(), "the oldest delivered one makes room");
        assertEquals(List.of("live"), pendingTexts("bob"));
    }

    @Test
    void aFullInboxRefusesAnOnlineReceiverToo() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        users.online("bob");
        assertThrows(InboxFullException.class, () -> users.send("alice", "bob", "live"),
                "nothing delivered to make room: the pending ones are never evicted");
    }

    @Test
    void deliveringThePendingMessagesMakesRoomInTheInbox() {
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
    void inboxesArePerUser() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        assertFalse(users.send("alice", "carol", "hi").delivered());
        assertEquals(1, users.pending("carol").messages().size());
    }
}
