package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.access.Identity;
import dev.parley.broker.Subscription;
import dev.parley.ops.Metrics;
import dev.parley.wire.PongFrame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HubTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Hub limited(int total, int perAddress) {
        return Hubs.policy().connections(total, perAddress).hub(new Metrics(registry));
    }

    private static Connection open(Hub hub, EndpointKind kind, String address) {
        return hub.open(new FakeTransport(), kind, address, null);
    }

    /** Records each subscription a group makes and whether it was closed. */
    private static final class Subscriptions {
        final List<String> subscribed = new ArrayList<>();
        final Map<String, Set<Connection>> members = new HashMap<>();
        final Map<String, AtomicInteger> closed = new HashMap<>();

        Subscription subscribe(String key, Set<Connection> live) {
            subscribed.add(key);
            members.put(key, live);
            AtomicInteger closes = closed.computeIfAbsent(key, k -> new AtomicInteger());
            return closes::incrementAndGet;
        }

        int closed(String key) {
            return closed.getOrDefault(key, new AtomicInteger()).get();
        }
    }

    @Test
    void anAddressGetsNoMoreThanItsShareAndAClosedOneFreesItOnceItsSocketIsGone() {
        Hub hub = limited(10, 2);
        Connection a = open(hub, EndpointKind.ROOM, "10.0.0.1");
        assertNotNull(open(hub, EndpointKind.ROOM, "10.0.0.1"));
        Refused refused = assertThrows(Refused.class, () -> open(hub, EndpointKind.ROOM, "10.0.0.1"));
        assertSame(Close.TRY_AGAIN_LATER, refused.close());
        assertEquals(1013, refused.close().code());
        assertNotNull(open(hub, EndpointKind.ROOM, "10.0.0.2"), "another address");

        a.open();
        a.close(Close.GOING_AWAY, true);
        assertThrows(Refused.class, () -> open(hub, EndpointKind.ROOM, "10.0.0.1"), "closing, not gone yet");
        a.socketClosed(1001);
        assertNotNull(open(hub, EndpointKind.ROOM, "10.0.0.1"), "its place is free");
    }

    @Test
    void anIdentityGetsNoMoreThanItsShareAcrossAddressesAndARefusalTakesNoOtherPlace() {
        Hub hub = Hubs.policy().connections(10, 10).perUser(2).hub(new Metrics(registry));
        Connection first = hub.open(new FakeTransport(), EndpointKind.USER, "10.0.0.1", "alice");
        hub.open(new FakeTransport(), EndpointKind.ROOM, "10.0.0.2", "alice");
        Refused refused = assertThrows(Refused.class,
                () -> hub.open(new FakeTransport(), EndpointKind.ROOM, "10.0.0.3", "alice"));
        assertSame(Close.TRY_AGAIN_LATER, refused.close());
        assertEquals(2, hub.count());
        assertNotNull(hub.open(new FakeTransport(), EndpointKind.ROOM, "10.0.0.3", "bob"), "another user, and"
                + " the refused one left its address's place free");
        assertNotNull(hub.open(new FakeTransport(), EndpointKind.ROOM, "10.0.0.3", null), "no identity: no per-user limit");

        first.socketClosed(1000);
        assertNotNull(hub.open(new FakeTransport(), EndpointKind.USER, "10.0.0.1", "alice"), "its place is free");
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        Hub hub = limited(10, 2);
        open(hub, EndpointKind.ROOM, "2001:db8:1:2::1");
        open(hub, EndpointKind.ROOM, "2001:db8:1:2:ffff:ffff:ffff:fffe");
        assertThrows(Refused.class, () -> open(hub, EndpointKind.ROOM, "2001:0db8:0001:0002:abcd::9"),
                "a third address in the same /64");
        assertNotNull(open(hub, EndpointKind.ROOM, "2001:db8:1:3::1"), "the next /64");
    }

    @Test
    void aSessionWaitingToSayWhoItIsHoldsItsAddressesPlaceUntilItProvesItOrEnds() {
        Hub hub = Hubs.policy().connections(10, 2).perUser(1).hub(new Metrics(registry));
        Place first = hub.hold("10.0.0.1");
        Place second = hub.hold("10.0.0.1");
        assertSame(Close.TRY_AGAIN_LATER, assertThrows(Refused.class, () -> hub.hold("10.0.0.1")).close());
        assertSame(Close.TRY_AGAIN_LATER, assertThrows(Refused.class, () -> open(hub, EndpointKind.ROOM, "10.0.0.1")).close(),
                "held places count like connections");

        hub.free(first);
        hub.free(first);
        Place third = hub.hold("10.0.0.1");
        assertNotNull(hub.openHeld(second, new FakeTransport(), EndpointKind.USER, Identity.principal("alice")));
        assertEquals(1, hub.count());
        assertThrows(IllegalStateException.class,
                () -> hub.openHeld(second, new FakeTransport(), EndpointKind.USER, Identity.principal("bob")));
        assertThrows(Refused.class,
                () -> hub.openHeld(third, new FakeTransport(), EndpointKind.USER, Identity.principal("alice")),
                "alice's own limit");
        assertNotNull(hub.hold("10.0.0.1"), "the refused one gave its place back");
    }

    @Test
    void theNodeGetsNoMoreThanItsTotal() {
        Hub hub = limited(2, 10);
        open(hub, EndpointKind.ROOM, null);
        Connection user = open(hub, EndpointKind.USER, "10.0.0.3");
        Refused refused = assertThrows(Refused.class, () -> open(hub, EndpointKind.ECHO, null));
        assertSame(Close.TRY_AGAIN_LATER, refused.close());
        assertEquals(2, hub.count());
        user.socketClosed(1000);
        assertNotNull(open(hub, EndpointKind.ECHO, null));
    }

    @Test
    void aConnectionRefusedForItsAddressTakesNoPlaceInTheTotal() {
        Hub hub = limited(3, 1);
        open(hub, EndpointKind.ROOM, "10.0.0.1");
        for (int i = 0; i < 5; i++) {
            assertThrows(Refused.class, () -> open(hub, EndpointKind.ROOM, "10.0.0.1"));
        }
        assertNotNull(open(hub, EndpointKind.ROOM, "10.0.0.2"));
        assertNotNull(open(hub, EndpointKind.ROOM, "10.0.0.3"));
        assertEquals(3, hub.count());
    }

    @Test
    void connectionsAreCountedByKindAndHaveTheirOwnIds() {
        Hub hub = limited(10, 10);
        Connection r1 = open(hub, EndpointKind.ROOM, null);
        Connection r2 = open(hub, EndpointKind.ROOM, null);
        open(hub, EndpointKind.USER, null);
        open(hub, EndpointKind.MONITOR, null);
        assertEquals(4, hub.count());
        assertEquals(2, hub.count(EndpointKind.ROOM));
        assertEquals(1, hub.count(EndpointKind.USER));
        assertEquals(0, hub.count(EndpointKind.ECHO));
        assertEquals(1, hub.count(EndpointKind.MONITOR));
        assertEquals(2.0, registry.get("parley.connections").tag("endpoint", "room").gauge().value());
        assertNotEquals(r1.id(), r2.id());
        assertTrue(r1.id().startsWith("test-"), "the node's name comes first");

        r1.socketClosed(1000);
        assertEquals(1, hub.count(EndpointKind.ROOM));
        assertEquals(3, hub.count());
        List<Connection> rooms = new ArrayList<>();
        hub.forEach(EndpointKind.ROOM, rooms::add);
        assertEquals(List.of(r2), rooms);
    }

    @Test
    void eachKeyHasOneSubscriptionWhileItHasMembers() {
        Hub hub = limited(10, 10);
        Subscriptions subscriptions = new Subscriptions();
        hub.serve(EndpointKind.ROOM, subscriptions::subscribe);
        Connection a = open(hub, EndpointKind.ROOM, null);
        Connection b = open(hub, EndpointKind.ROOM, null);
        Connection c = open(hub, EndpointKind.ROOM, null);
        AtomicInteger left = new AtomicInteger();
        assertTrue(hub.join(a, "lobby", "alice", left::incrementAndGet));
        assertTrue(hub.join(b, "lobby", "bob", left::incrementAndGet));
        assertTrue(hub.join(c, "hall", "carol", left::incrementAndGet));
        assertEquals(List.of("lobby", "hall"), subscriptions.subscribed, "one subscription per key");
        assertEquals(Set.of(a, b), subscriptions.members.get("lobby"), "the live set of the key's members");
        assertEquals(2, hub.groups(EndpointKind.ROOM));

        a.open();
        a.close(Close.GOING_AWAY, true);
        assertEquals(1, left.get());
        assertEquals(Set.of(b), subscriptions.members.get("lobby"));
        assertEquals(0, subscriptions.closed("lobby"), "bob is still there");

        b.socketClosed(1000);
        assertEquals(2, left.get());
        assertEquals(1, subscriptions.closed("lobby"), "closed with its last member");
        assertEquals(1, hub.groups(EndpointKind.ROOM));

        Connection again = open(hub, EndpointKind.ROOM, null);
        hub.join(again, "lobby", "alice", left::incrementAndGet);
        assertEquals(List.of("lobby", "hall", "lobby"), subscriptions.subscribed, "subscribed anew");
        assertEquals(0, hub.groups(EndpointKind.USER), "no user group was made");
    }

    /** Fan-out reads a member's name as soon as it is in the live set, as a concurrent join's presence would. */
    @Test
    void aConnectionHasItsNameBeforeItIsInTheLiveSet() {
        Hub hub = limited(10, 10);
        List<String> seen = new ArrayList<>();
        hub.serve(EndpointKind.ROOM, (key, members) -> {
            members.forEach(m -> seen.add(m.group() + "/" + m.name()));
            return () -> { };
        });
        hub.join(open(hub, EndpointKind.ROOM, null), "lobby", "alice", () -> { });
        assertEquals(List.of("lobby/alice"), seen);
    }

    @Test
    void namesAreThoseOfEveryJoinedConnection() {
        Hub hub = limited(10, 10);
        hub.serve(EndpointKind.ROOM, (key, members) -> () -> { });
        hub.serve(EndpointKind.USER, (key, members) -> () -> { });
        hub.join(open(hub, EndpointKind.ROOM, null), "lobby", "alice", () -> { });
        hub.join(open(hub, EndpointKind.ROOM, null), "hall", "alice", () -> { });
        hub.join(open(hub, EndpointKind.ROOM, null), "hall", "bob", () -> { });
        Connection carol = open(hub, EndpointKind.USER, null);
        hub.join(carol, "carol", "carol", () -> { });
        open(hub, EndpointKind.MONITOR, null);
        Set<String> names = new HashSet<>();
        hub.names(names);
        assertEquals(Set.of("alice", "bob", "carol"), names);

        carol.socketClosed(1000);
        names.clear();
        hub.names(names);
        assertEquals(Set.of("alice", "bob"), names);
    }

    @Test
    void closeAllClosesEveryConnectionAfterWhatIsQueued() {
        Hub hub = limited(10, 10);
        FakeTransport busy = new FakeTransport().hold();
        FakeTransport idle = new FakeTransport();
        Connection b = hub.open(busy, EndpointKind.ROOM, null, null);
        Connection i = hub.open(idle, EndpointKind.ECHO, null, null);
        b.open();
        i.open();
        b.send(PongFrame.of("first"));
        b.send(PongFrame.of("second"));

        hub.closeAll(Close.GOING_AWAY);
        assertEquals(List.of(Close.GOING_AWAY), idle.closes());
        assertEquals(List.of(), busy.closes(), "its queue is written first");
        busy.completeAll();
        assertEquals(2, busy.sentCount());
        assertEquals(List.of(Close.GOING_AWAY), busy.closes());
        assertEquals(2, hub.count(), "until the container reports them closed");
    }

    @Test
    void aRefusedSessionIsCountedWithItsCloseCode() {
        Hub hub = limited(10, 10);
        hub.refused(Close.UNAUTHORIZED);
        assertEquals(1, registry.get("parley.closes").tag("code", "4401").counter().count());
        assertEquals(0, hub.count());
    }

    @Test
    void theQueuedGaugesSumEveryOutbox() {
        Hub hub = limited(10, 10);
        FakeTransport held = new FakeTransport().hold();
        Connection c = hub.open(held, EndpointKind.ROOM, null, null);
        c.open();
        c.send(PongFrame.of("a"));
        c.send(PongFrame.of("b"));
        assertEquals(2.0, registry.get("parley.outbox.queued").gauge().value(), "one written, one waiting");
        assertTrue(registry.get("parley.outbox.queued.bytes").gauge().value() > 0);
        held.completeAll();
        assertEquals(0.0, registry.get("parley.outbox.queued").gauge().value());
    }

    @Test
    void aDrainingHubRefusesNewConnectionsWith1001AndKeepsTheOpenOnes() {
        Hub hub = Hubs.generous();
        FakeTransport transport = new FakeTransport();
        hub.open(transport, EndpointKind.ROOM, "10.0.0.1", null);
        assertTrue(hub.drain(), "the first call starts the drain");
        assertFalse(hub.drain(), "a second does nothing more");
        assertTrue(hub.draining());
        Refused refused = assertThrows(Refused.class, () -> open(hub, EndpointKind.USER, "10.0.0.2"));
        assertEquals(1001, refused.close().code());
        assertEquals(1, hub.count(), "the open connection stays");
        assertEquals(List.of(), transport.closes(), "and is not closed");
        hub.closeAll(Close.GOING_AWAY);
        assertEquals(List.of(Close.GOING_AWAY), transport.closes());
    }
}
