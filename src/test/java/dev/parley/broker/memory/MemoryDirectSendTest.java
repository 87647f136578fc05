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
import org.junit.jupiter.api.Test;

class MemoryDirectSendTest {
    private static final int INBOX = 3;
    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(10, INBOX, Duration.ofDays(30), clock);
    private final UserBus users = broker.users();

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
        assertEquals(List.of(m), users.takePending("bob").messages());
    }

    @Test
    void aMessageToAnOnlineUserIsDeliveredToItsSubscribers() {
        List<DirectMessage> first = new ArrayList<>();
        List<DirectMessage> second = new ArrayList<>();
        users.subscribe("bob", first::add);
        users.subscribe("bob", second::add);
        users.online("bob");
        Sent sent = users.send("alice", "bob", "hi");
        assertTrue(sent.delivered());
        assertEquals(List.of(sent.message()), first);
        assertEquals(List.of(sent.message()), second);
        assertEquals(List.of(), users.takePending("bob").messages(), "a delivered message is not pending");
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
        List<String> pending = users.takePending("bob").messages().stream().map(DirectMessage::text).toList();
        assertEquals(List.of("m1", "m2", "m3"), pending);
    }

    @Test
    void aFullInboxDoesNotRefuseAnOnlineReceiver() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        users.online("bob");
        assertTrue(users.send("alice", "bob", "live").delivered());
    }

    @Test
    void takingThePendingMessagesMakesRoomInTheInbox() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        users.takePending("bob");
        assertFalse(users.send("alice", "bob", "m4").delivered());
        assertEquals(List.of("m4"), users.takePending("bob").messages().stream().map(DirectMessage::text).toList());
    }

    @Test
    void inboxesArePerUser() {
        for (int i = 1; i <= INBOX; i++) {
            users.send("alice", "bob", "m" + i);
        }
        assertFalse(users.send("alice", "carol", "hi").delivered());
        assertEquals(1, users.takePending("carol").messages().size());
    }
}
