package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.broker.BrokerSettings;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Origin;
import dev.parley.broker.PresenceEvent;
import dev.parley.broker.Received;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Subscription;
import dev.parley.testing.RedisServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Presence across nodes: brokers on one Redis act as nodes, with a lease of one second renewed every
 * 300 ms. A node that crashes ({@link RedisBroker#halt}) has its names leave once each on the others; a
 * Redis that goes away and comes back has presence set back by the nodes.
 */
class RedisPresenceTest {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    private static final Origin ORIGIN = new Origin("c1", null);

    private final List<RedisBroker> nodes = new ArrayList<>();

    @AfterEach
    void closeNodes() {
        nodes.forEach(RedisBroker::close);
    }

    private RedisBroker node(String name) {
        return node(REDIS.server().url(), name, HEARTBEAT);
    }

    private RedisBroker node(String url, String name, Duration heartbeat) {
        return node(url, name, LEASE, heartbeat);
    }

    private RedisBroker node(String url, String name, Duration lease, Duration heartbeat) {
        RedisBroker broker = RedisBroker.connect(url, BrokerSettings.of(3, 10, Duration.ofDays(30))
                .withNode(name, lease, heartbeat));
        nodes.add(broker);
        return broker;
    }

    private static List<String> leaves(Received<RoomEvent> events) {
        return events.events().stream().filter(e -> e instanceof PresenceEvent p && !p.joined())
                .map(e -> ((PresenceEvent) e).name()).sorted().toList();
    }

    /** Waits for a condition (failing after ten seconds) and answers how long it took, in milliseconds. */
    private static long await(String what, BooleanSupplier done) {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
                fail("waited ten seconds for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> roster(RedisBroker node, String room) {
        RoomSnapshot snapshot = node.rooms().snapshot(room, null, 100);
        assertEquals(snapshot.roster().count(), snapshot.roster().names().size(), "the count is the roster's");
        return snapshot.roster().names().stream().sorted().toList();
    }

    private static List<String> keys(String url, String pattern) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> found = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
                found.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            return found;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void aHeartbeatNotShorterThanTheLeaseIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node(REDIS.server().url(), "a", LEASE));
        assertTrue(e.getMessage().startsWith("parley.broker.heartbeat (PT1S) must be positive and shorter than "
                + "parley.broker.lease (PT1S)"), e.getMessage());
    }

    @Test
    void aCrashedNodesNamesLeaveOnceEachWithinLeaseAndHeartbeat() {
        RedisBroker a = node("a");
        RedisBroker b = node("b");
        Received<RoomEvent> onB = new Received<>();
        try (Subscription s = b.rooms().subscribe("lobby", onB)) {
            a.rooms().enter("lobby", "alice");
            a.rooms().enter("lobby", "bob");
            a.rooms().enter("lobby", "bob");
            b.rooms().enter("lobby", "carol");
            onB.await(3);
            a.halt();
            long took = await("the crashed node's names to leave", () -> leaves(onB).size() >= 2);
            System.out.printf("names of a crashed node left after %d ms (lease %d ms, heartbeat %d ms)%n", took,
                    LEASE.toMillis(), HEARTBEAT.toMillis());
            assertTrue(took <= LEASE.plus(HEARTBEAT).plusMillis(500).toMillis(),
                    "left within lease and heartbeat (and scheduling slack): " + took + " ms");
            pause(HEARTBEAT.multipliedBy(3));
            assertEquals(List.of("alice", "bob"), leaves(onB), "one leave per name, once");
            assertEquals(List.of("carol"), roster(b, "lobby"));
            assertEquals(List.of(), keys(REDIS.server().url(), "parley:{r:lobby}:held:" + a.incarnation()));
        }
    }

    @Test
    void aNameThatAlsoHasAConnectionOnALiveNodeDoesNotLeave() {
        RedisBroker a = node("a");
        RedisBroker b = node("b");
        Received<RoomEvent> onB = new Received<>();
        try (Subscription s = b.rooms().subscribe("lobby", onB)) {
            a.rooms().enter("lobby", "alice");
            b.rooms().enter("lobby", "alice");
            a.rooms().enter("lobby", "dave");
            onB.await(2);
            a.halt();
            await("dave to leave", () -> leaves(onB).size() >= 1);
            pause(LEASE.plus(HEARTBEAT.multipliedBy(2)));
            assertEquals(List.of("dave"), leaves(onB), "alice is still on b");
            assertEquals(List.of("alice"), roster(b, "lobby"));
            assertEquals(1, b.rooms().leave("lobby", "alice").memberCountBefore());
            await("alice's leave from b", () -> leaves(onB).size() == 2);
            assertEquals(List.of(), roster(b, "lobby"));
        }
    }

    @Test
    void aRestartedNodeIsANewIncarnationAndDoesNotReviveItsOldNames() {
        RedisBroker before = node("a");
        RedisBroker watcher = node("w");
        Received<RoomEvent> events = new Received<>();
        try (Subscription s = watcher.rooms().subscribe("lobby", events)) {
            before.rooms().enter("lobby", "alice");
            before.halt();
            RedisBroker after = node("a");
            assertNotEquals(before.incarnation(), after.incarnation());
            assertTrue(after.incarnation().startsWith("a-"), after.incarnation());
            after.rooms().enter("lobby", "bob");
            await("alice to leave", () -> leaves(events).contains("alice"));
            pause(HEARTBEAT.multipliedBy(3));
            assertEquals(List.of("alice"), leaves(events));
            assertEquals(List.of("bob"), roster(after, "lobby"));
        }
    }

    @Test
    void reapingAnExpiredLeaseTwiceStreamsItsLeavesOnce() {
        RedisBroker a = node("a");
        // a heartbeat far away: this node reaps only when the test says
        RedisBroker b = node(REDIS.server().url(), "b", Duration.ofHours(2), Duration.ofHours(1));
        Received<RoomEvent> onB = new Received<>();
        try (Subscription s = b.rooms().subscribe("lobby", onB)) {
            a.rooms().enter("lobby", "alice");
            a.rooms().enter("kitchen", "alice");
            a.rooms().enter("lobby", "bob");
            onB.await(2);
            a.halt();
            pause(LEASE.plusMillis(200));
            assertEquals(3, b.reapExpired(), "alice in two rooms, bob in one");
            assertEquals(0, b.reapExpired());
            String lease = "lobby\n" + a.incarnation();
            assertEquals(0, b.reap(lease), "a lease reaped already changes nothing");
            pause(HEARTBEAT);
            assertEquals(List.of("alice", "bob"), leaves(onB));
            assertEquals(List.of(), roster(b, "lobby"));
            assertEquals(List.of(), keys(REDIS.server().url(), "parley:leases"));
        }
    }

    @Test
    void aLiveLeaseIsNotReaped() {
        RedisBroker a = node("a");
        RedisBroker b = node(REDIS.server().url(), "b", Duration.ofHours(2), Duration.ofHours(1));
        a.rooms().enter("lobby", "alice");
        pause(LEASE.plus(HEARTBEAT));
        assertEquals(0, b.reapExpired(), "a renews its lease");
        assertEquals(0, b.reap("lobby\n" + a.incarnation()));
        assertEquals(List.of("alice"), roster(b, "lobby"));
    }

    @Test
    void aDirectMessageToAUserWhoseOnlyNodeCrashedIsStoredAtOnce() {
        RedisBroker a = node("a");
        RedisBroker b = node("b");
        Received<DirectMessage> onA = new Received<>();
        a.users().subscribe("bob", onA);
        a.users().online("bob");
        assertTrue(b.users().send("alice", "bob", "while up").delivered());
        onA.await(1);
        a.halt();
        assertFalse(b.users().send("alice", "bob", "after the crash").delivered(), "stored: nobody subscribed");
        assertEquals(List.of("while up", "after the crash"),
                b.users().pending("bob").messages().stream().map(DirectMessage::text).toList(),
                "pending until a node writes them");
    }

    @Test
    void aUserWithConnectionsOnTwoNodesGetsTheMessageOnBoth() {
        RedisBroker a = node("a");
        RedisBroker b = node("b");
        RedisBroker sender = node("s");
        Received<DirectMessage> onA = new Received<>();
        Received<DirectMessage> onB = new Received<>();
        a.users().subscribe("bob", onA);
        a.users().online("bob");
        b.users().subscribe("bob", onB);
        b.users().online("bob");
        DirectMessage sent = sender.users().send("alice", "bob", "hi").message();
        assertEquals(List.of(sent), onA.await(1));
        assertEquals(List.of(sent), onB.await(1));
        a.users().offline("bob");
        assertTrue(sender.users().send("alice", "bob", "b still has bob").delivered());
        b.users().offline("bob");
        assertFalse(sender.users().send("alice", "bob", "nobody").delivered());
    }

    @Test
    void twoThousandEntersAndLeavesOnTwoNodesLeaveNoPresenceKeys() {
        RedisBroker a = node("a");
        RedisBroker b = node("b");
        for (int i = 0; i < 2_000; i++) {
            RedisBroker on = i % 2 == 0 ? a : b;
            String room = "room" + (i % 13);
            String name = on.rooms().enter(room, i % 5 == 0 ? null : "user" + (i % 17)).name();
            on.rooms().leave(room, name);
        }
        pause(HEARTBEAT.multipliedBy(2));
        String url = REDIS.server().url();
        assertEquals(List.of(), keys(url, "*presence*"));
        assertEquals(List.of(), keys(url, "*held*"));
        assertEquals(List.of(), keys(url, "*leases*"));
        assertEquals(List.of(), keys(url, "parley:rooms"));
    }

    @Test
    void aRedisThatHangsIsReportedDownByTheHeartbeatAndUpWhenItAnswersAgain() {
        try (RedisServer redis = RedisServer.start()) {
            RedisBroker a = node(redis.url(), "a", HEARTBEAT);
            a.rooms().enter("lobby", "alice");
            signal(redis, "STOP"); // its socket stays open: only an unanswered PING tells
            try {
                long down = await("the node to say the broker is down", () -> !a.isUp());
                System.out.printf("isUp false %d ms after Redis stopped answering%n", down);
                assertTrue(down <= 4_000, "down within about three seconds: " + down + " ms");
                assertThrows(BrokerUnavailableException.class, () -> a.rooms().publish("lobby", "alice", "x", ORIGIN));
            } finally {
                signal(redis, "CONT");
            }
            await("the node to be up again", a::isUp);
            assertEquals(List.of("alice"), roster(a, "lobby"));
        }
    }

    private static void signal(RedisServer redis, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(redis.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    @Test
    void aRedisThatGoesAwayAndComesBackEmptyGetsItsPresenceBack() {
        outageAndReturn(false);
    }

    @Test
    void aRedisThatComesBackWithItsDataLearnsTheLeavesItMissed() {
        outageAndReturn(true);
    }

    /**
     * While Redis is away: not up within three seconds, every call refused, a leave kept for later. Once
     * it is back: up again, subscriptions restored, and presence exactly what the nodes have.
     */
    private void outageAndReturn(boolean aof) {
        try (RedisServer redis = RedisServer.start(aof)) {
            RedisBroker a = node(redis.url(), "a", HEARTBEAT);
            RedisBroker b = node(redis.url(), "b", HEARTBEAT);
            Received<RoomEvent> onB = new Received<>();
            Subscription s = b.rooms().subscribe("lobby", onB);
            a.rooms().enter("lobby", "alice");
            a.rooms().enter("lobby", "dave");
            b.rooms().enter("lobby", "carol");
            onB.await(3);
            long before = b.rooms().snapshot("lobby", null, 10).history().covered();

            redis.stop();
            long down = await("both nodes to say the broker is down", () -> !a.isUp() && !b.isUp());
            System.out.printf("isUp false %d ms after Redis stopped%n", down);
            assertTrue(down <= 3_000, "down within three seconds: " + down + " ms");
            assertThrows(BrokerUnavailableException.class, () -> a.rooms().enter("lobby", "erin"));
            assertThrows(BrokerUnavailableException.class, () -> a.rooms().publish("lobby", "alice", "x", ORIGIN));
            assertThrows(BrokerUnavailableException.class, () -> a.users().send("alice", "bob", "x"));
            assertThrows(BrokerUnavailableException.class, () -> a.rooms().leave("lobby", "dave"),
                    "dave's connection is gone all the same; Redis learns it later");

            redis.restart();
            long up = await("both nodes to be up again", () -> a.isUp() && b.isUp());
            System.out.printf("isUp true %d ms after Redis restarted%n", up);
            await("presence to be set back", () -> roster(b, "lobby").equals(List.of("alice", "carol")));
            assertEquals(List.of("alice", "carol"), roster(a, "lobby"));
            RedisBroker c = node(redis.url(), "c", HEARTBEAT);
            assertEquals(List.of("alice", "carol"), roster(c, "lobby"), "a node started after sees the same");
            // the events themselves may pass before b has subscribed again (pub/sub is at most once):
            // their positions in the room's stream say they were streamed
            long after = b.rooms().snapshot("lobby", null, 10).history().covered();
            if (aof) {
                assertEquals(before + 1, after, "one presence event: the leave missed while Redis was away");
            } else {
                assertEquals(2, after, "two joins into the empty Redis: alice's and carol's");
            }
            int seen = onB.size();
            a.rooms().publish("lobby", "alice", "after", ORIGIN);
            await("b's subscription to be restored", () -> onB.events().subList(seen, onB.size()).stream()
                    .anyMatch(e -> !(e instanceof PresenceEvent)));
            s.close();
        }
    }
}
