package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.access.Identity;
import dev.parley.access.RoomGrants;
import dev.parley.ops.Metrics;
import dev.parley.wire.PongFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectionTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Hubs.Policy policy = Hubs.policy().outboxFrames(5).heartbeat(INTERVAL, TIMEOUT, CLOSE_TIMEOUT);
    private final FakeTransport transport = new FakeTransport();

    private Hub hub(Hubs.Policy policy) {
        Hub hub = policy.hub(new Metrics(registry));
        hub.serve(EndpointKind.ROOM, (key, members) -> () -> { });
        return hub;
    }

    private double closes(int code) {
        Counter counter = registry.find("parley.closes").tag("code", Integer.toString(code)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Identity expiringAt(Instant exp) {
        return new Identity("alice", "alice", exp, RoomGrants.ALL);
    }

    @Test
    void aConnectionClosesWith4401WhenItsTokenExpires() throws InterruptedException {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        try {
            Connection c = hub(policy).openProven(transport, EndpointKind.ROOM, null, expiringAt(Instant.now()));
            c.open();
            c.prove(c.proven(), timers);
            long deadline = System.nanoTime() + 5 * SECOND;
            while (transport.closes().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(Close.TOKEN_EXPIRED), transport.closes());
            assertEquals("token expired", Close.TOKEN_EXPIRED.reason());
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void aFreshTokenReplacesTheExpiryAndAClosedConnectionLeavesNoTimer() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        timers.setRemoveOnCancelPolicy(true);
        try {
            Connection c = hub(policy).openProven(transport, EndpointKind.ROOM, null, null);
            c.open();
            c.prove(expiringAt(Instant.now().plusSeconds(3600)), timers);
            assertEquals(1, timers.getQueue().size());
            Identity fresh = expiringAt(Instant.now().plusSeconds(7200));
            c.prove(fresh, timers);
            assertEquals(1, timers.getQueue().size(), "the first expiry is cancelled");
            assertSame(fresh, c.proven());
            c.prove(new Identity("alice", "alice", null, RoomGrants.ALL), timers);
            assertEquals(0, timers.getQueue().size(), "a token without exp sets no timer");
            c.prove(fresh, timers);
            c.socketClosed(1000);
            assertEquals(0, timers.getQueue().size(), "gone: its expiry is cancelled");
            assertEquals(List.of(), transport.closes());
        } finally {
            timers.shutdownNow();
        }
    }

    @Test
    void aFrameOverTheRateIsAnsweredRateLimitedWithItsRef() {
        Connection c = hub(Hubs.policy().rate(1, 2, 20)).open(transport, EndpointKind.ROOM, null, null);
        c.open();
        AtomicInteger refsRead = new AtomicInteger();
        assertTrue(c.admit(() -> "a" + refsRead.incrementAndGet()));
        assertTrue(c.admit(() -> "b" + refsRead.incrementAndGet()));
        assertEquals(0, refsRead.get(), "an admitted frame's ref is not read here");

        assertFalse(c.admit(() -> "c"));
        JsonObject error = transport.frames().get(0);
        assertEquals("error", error.getString("type"));
        assertEquals("rate_limited", error.getString("code"));
        assertEquals("c", error.getString("ref"));
        assertEquals(List.of(), transport.closes(), "one refusal does not close");
        assertEquals(1, registry.find("parley.errors").tag("code", "rate_limited").counter().count());
    }

    @Test
    void strikesClose4429AfterTheQueuedErrorsAreWritten() {
        transport.hold();
        Connection c = hub(Hubs.policy().rate(1, 1, 3)).open(transport, EndpointKind.ROOM, null, null);
        c.open();
        assertTrue(c.admit(() -> "a"));
        assertFalse(c.admit(() -> "b"));
        assertFalse(c.admit(() -> "c"));
        assertFalse(c.admit(() -> "d"), "the third strike");
        assertEquals(List.of(), transport.closes(), "the first error is still being written");
        assertFalse(c.isOpen(), "closing");

        transport.completeAll();
        List<JsonObject> errors = transport.frames();
        assertEquals(List.of("b", "c", "d"), errors.stream().map(e -> e.getString("ref")).toList());
        errors.forEach(e -> assertEquals("rate_limited", e.getString("code")));
        assertEquals(List.of(Close.RATE_LIMITED), transport.closes());
        assertEquals(4429, Close.RATE_LIMITED.code());
        assertEquals(List.of(), transport.aborts());
    }

    /** The ways a connection ends. */
    enum Ending {
        CLOSE_AFTER_QUEUED {
            @Override
            void end(Connection c, FakeTransport transport) {
                c.close(Close.GOING_AWAY, true);
            }
        },
        CLOSE_DROPPING_QUEUED {
            @Override
            void end(Connection c, FakeTransport transport) {
                c.close(Close.GOING_AWAY, false);
            }
        },
        ABORT {
            @Override
            void end(Connection c, FakeTransport transport) {
                c.abort(Close.NOT_READING);
            }
        },
        SOCKET_CLOSED {
            @Override
            void end(Connection c, FakeTransport transport) {
                c.socketClosed(1000);
            }
        },
        WRITE_FAILED {
            @Override
            void end(Connection c, FakeTransport transport) {
                transport.hold();
                c.send(PongFrame.of("x"));
                transport.completeNext(new IOException("connection reset"));
            }
        },
        OVERFLOW {
            @Override
            void end(Connection c, FakeTransport transport) {
                transport.hold();
                for (int i = 0; i < 7; i++) {
                    c.send(PongFrame.of("p" + i));
                }
            }
        };

        abstract void end(Connection c, FakeTransport transport);
    }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void theLeaveActionRunsOnceHoweverTheConnectionEnds(Ending ending) {
        Hub hub = hub(policy);
        Connection c = hub.open(transport, EndpointKind.ROOM, "10.0.0.1", null);
        AtomicInteger left = new AtomicInteger();
        assertTrue(hub.join(c, "lobby", "alice", left::incrementAndGet));
        c.open();
        assertEquals("lobby", c.group());
        assertEquals("alice", c.name());

        ending.end(c, transport);
        assertEquals(1, left.get(), ending + " left the room");

        for (Ending again : Ending.values()) {
            again.end(c, transport);
        }
        c.socketClosed(1006);
        assertEquals(1, left.get(), "once, whatever follows");
        assertEquals(0, hub.count(), "the socket is gone: forgotten");

        AtomicInteger late = new AtomicInteger();
        assertFalse(c.joined(late::incrementAndGet), "it has ended");
        assertFalse(hub.join(c, "hall", "alice", late::incrementAndGet));
        assertEquals(0, late.get(), "the caller undoes a late join itself");
        assertEquals(0, hub.groups(EndpointKind.ROOM), "nothing joined is left behind");
    }

    @Test
    void aWriteFailureEndsTheConnectionAsLost() {
        Hub hub = hub(policy);
        Connection c = opened(hub);
        Ending.WRITE_FAILED.end(c, transport);
        assertEquals(0, hub.count());
        assertEquals(1, closes(1006));
        assertEquals(List.of(Close.LOST), transport.aborts(),
                "the container is told to let the session go: a failed write does not close it");
    }

    @Test
    void anOverflowIsCountedAndClosesSlowConsumer() {
        Metrics metrics = new Metrics(registry);
        Hub hub = policy.hub(metrics);
        Connection c = opened(hub);
        Ending.OVERFLOW.end(c, transport);
        assertEquals(1, metrics.overflowCount());
        transport.completeNext();
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        c.socketClosed(1006);
        assertEquals(1, closes(4408), "Parley's own code, not the one the container reported");
        assertEquals(0, closes(1006));
    }

    @Test
    void socketClosedCountsParleysOwnCloseCodeWhenParleyChoseOne() {
        Hub hub = hub(policy);
        Connection ours = opened(hub);
        ours.close(Close.RATE_LIMITED, true);
        assertEquals(1, hub.count(), "closing, not gone");
        ours.socketClosed(1006);
        assertEquals(1, closes(4429));
        assertEquals(0, closes(1006));

        Connection theirs = hub.open(new FakeTransport(), EndpointKind.ROOM, null, null);
        theirs.open();
        theirs.socketClosed(1001);
        assertEquals(1, closes(1001), "the client's code when Parley chose none");
        theirs.socketClosed(1001);
        assertEquals(1, closes(1001), "counted once");
        assertEquals(0, hub.count());
    }

    @Test
    void checkAlivePingsAnIdleSilentConnectionOnce() {
        Hub hub = hub(policy);
        Connection c = opened(hub);
        long opened = System.nanoTime();
        c.checkAlive(opened, hub.policy());
        assertEquals(0, transport.pings(), "not silent for long enough");

        c.checkAlive(opened + 11 * SECOND, hub.policy());
        assertEquals(1, transport.pings());
        c.checkAlive(opened + 12 * SECOND, hub.policy());
        assertEquals(1, transport.pings(), "one ping outstanding at a time");
        assertEquals(List.of(), transport.aborts());
        assertEquals(1, hub.count());
    }

    @Test
    void checkAliveDoesNotPingWhileAWriteIsOutstanding() {
        transport.hold();
        Hub hub = hub(policy);
        Connection c = opened(hub);
        long before = System.nanoTime();
        c.send(PongFrame.of("slow"));
        c.checkAlive(before + 19 * SECOND, hub.policy());
        assertEquals(0, transport.pings());
        assertEquals(List.of(), transport.aborts(), "stalled, but not for the ping timeout yet");
    }

    @Test
    void checkAliveDropsAConnectionWhoseWriteStalledPastThePingTimeout() {
        transport.hold();
        Hub hub = hub(policy);
        Connection c = hub.open(transport, EndpointKind.ROOM, null, null);
        AtomicInteger left = new AtomicInteger();
        hub.join(c, "lobby", "alice", left::incrementAndGet);
        c.open();
        c.send(PongFrame.of("never read"));
        long after = System.nanoTime();

        c.checkAlive(after + 21 * SECOND, hub.policy());
        assertEquals(List.of(Close.NOT_READING), transport.aborts());
        assertEquals(List.of(), transport.closes());
        assertEquals(1, left.get());
        assertEquals(0, hub.count(), "aborted: forgotten at once");
        assertEquals(1, closes(4408));
    }

    @Test
    void checkAliveDropsAConnectionWhosePingWentUnanswered() {
        Hub hub = hub(policy);
        Connection c = opened(hub);
        long base = System.nanoTime();
        c.checkAlive(base + 11 * SECOND, hub.policy());
        long written = System.nanoTime();
        assertEquals(1, transport.pings());

        c.checkAlive(base + 19 * SECOND, hub.policy());
        assertEquals(List.of(), transport.aborts(), "within the timeout");
        c.checkAlive(written + 21 * SECOND, hub.policy());
        assertEquals(List.of(Close.PINGS_UNANSWERED), transport.aborts());
        assertEquals(0, hub.count());
    }

    /**
     * A hub that pings every connection the core's own clock finds idle at all, so these tests can use
     * the real time for the moments a ping is asked for and answered.
     */
    private Hub pingingAtOnce() {
        return hub(Hubs.policy().heartbeat(Duration.ZERO, TIMEOUT, CLOSE_TIMEOUT));
    }

    @Test
    void anAnsweredPingIsNotHeldAgainstTheConnection() {
        Hub hub = pingingAtOnce();
        Connection c = opened(hub);
        c.checkAlive(System.nanoTime(), hub.policy());
        assertEquals(1, transport.pings());
        c.heard();
        long heard = System.nanoTime();
        c.checkAlive(heard + 21 * SECOND, hub.policy());
        assertEquals(List.of(), transport.aborts(), "it answered");
        assertEquals(2, transport.pings(), "silent again: pinged again");
    }

    @Test
    void aPongBeforeThePingsWriteReportsDoneStillAnswersIt() {
        transport.hold();
        Hub hub = pingingAtOnce();
        Connection c = opened(hub);
        c.checkAlive(System.nanoTime(), hub.policy());
        assertEquals(1, transport.pings());
        c.heard();
        transport.completeNext();
        long written = System.nanoTime();
        c.checkAlive(written + 21 * SECOND, hub.policy());
        assertEquals(List.of(), transport.aborts());
    }

    @Test
    void thePingTimeoutCountsFromWhenThePingWasWritten() {
        transport.hold();
        Hub hub = pingingAtOnce();
        Connection c = opened(hub);
        long asked = System.nanoTime();
        c.checkAlive(asked, hub.policy());
        assertEquals(1, transport.pings(), "started, not written");
        spinPast(asked + 2_000_000); // two milliseconds between asking and writing

        long before = System.nanoTime();
        transport.completeNext();
        long after = System.nanoTime();
        c.checkAlive(before + TIMEOUT.toNanos(), hub.policy());
        assertEquals(List.of(), transport.aborts(), "past the timeout since it was asked for, not since written");
        c.checkAlive(after + TIMEOUT.toNanos() + 1, hub.policy());
        assertEquals(List.of(Close.PINGS_UNANSWERED), transport.aborts());
    }

    @Test
    void aPingWhoseWriteNeverCompletesIsAWriteStalledNotAPingUnanswered() {
        transport.hold();
        Hub hub = pingingAtOnce();
        Connection c = opened(hub);
        long before = System.nanoTime();
        c.checkAlive(before, hub.policy());
        long after = System.nanoTime();
        assertEquals(1, transport.pings());

        c.checkAlive(before + 19 * SECOND, hub.policy());
        assertEquals(List.of(), transport.aborts());
        assertEquals(1, transport.pings(), "one ping at a time");
        c.checkAlive(after + 21 * SECOND, hub.policy());
        assertEquals(List.of(Close.NOT_READING), transport.aborts());
    }

    private static void spinPast(long t) {
        while (System.nanoTime() <= t) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aConnectionClosingForLongerThanTheCloseTimeoutIsAbortedWithItsClose() {
        transport.hold();
        Hub hub = hub(policy);
        Connection c = opened(hub);
        c.send(PongFrame.of("unread"));
        long before = System.nanoTime();
        c.close(Close.RATE_LIMITED, true);
        long after = System.nanoTime();

        c.checkAlive(before + 4 * SECOND, hub.policy());
        assertEquals(List.of(), transport.aborts());
        c.checkAlive(after + 6 * SECOND, hub.policy());
        assertEquals(List.of(Close.RATE_LIMITED), transport.aborts());
        assertEquals(0, hub.count());
        assertEquals(1, closes(4429));
    }

    @Test
    void aClosedConnectionTheContainerNeverReportsIsForgottenAfterTwiceTheCloseTimeout() {
        Hub hub = hub(policy);
        Connection c = hub.open(transport, EndpointKind.ROOM, "10.0.0.1", null);
        c.open();
        c.close(Close.GOING_AWAY, true);
        long after = System.nanoTime();
        assertEquals(List.of(Close.GOING_AWAY), transport.closes());

        c.checkAlive(after + 6 * SECOND, hub.policy());
        assertEquals(1, hub.count(), "the container may still report it");
        assertEquals(0, transport.pings(), "a closing connection is not pinged");
        c.checkAlive(after + 11 * SECOND, hub.policy());
        assertEquals(0, hub.count());
        assertEquals(1, closes(1001));
        assertEquals(List.of(), transport.aborts(), "closed already: nothing to abort");
    }

    @Test
    void aConnectionIsOpenUntilItStartsToClose() {
        Hub hub = hub(policy);
        Connection c = hub.open(transport, EndpointKind.ECHO, "10.0.0.1", "alice");
        assertFalse(c.isOpen(), "not before open()");
        c.open();
        assertTrue(c.isOpen());
        assertEquals("10.0.0.1", c.address());
        assertEquals("alice", c.identity());
        assertEquals(EndpointKind.ECHO, c.kind());
        assertNull(c.group());
        c.close(Close.GOING_AWAY, true);
        assertFalse(c.isOpen());
    }

    /** A room connection of {@code hub} on the test's transport, open for writing. */
    private Connection opened(Hub hub) {
        Connection c = hub.open(transport, EndpointKind.ROOM, null, null);
        c.open();
        return c;
    }
}
