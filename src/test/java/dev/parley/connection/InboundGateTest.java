package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.ops.Metrics;
import dev.parley.testing.ClientFrames;
import dev.parley.wire.Inbound;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class InboundGateTest {
    private static final int MAX_CHARS = 100;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Metrics metrics = new Metrics(registry);
    private final InboundGate gate = new InboundGate(MAX_CHARS, metrics);
    private final FakeTransport transport = new FakeTransport();
    private final List<Inbound.Message> handed = new ArrayList<>();
    private final BiConsumer<Connection, Inbound.Message> rules = (c, m) -> handed.add(m);

    /** A connection allowed {@code burst} frames at once and one a second after them. */
    private Connection connection(int burst, int strikes) {
        Connection c = Hubs.policy().rate(1, burst, strikes).hub(metrics).open(transport, EndpointKind.ROOM, null, null);
        c.open();
        return c;
    }

    private double framesIn(String type) {
        Counter counter = registry.find("parley.frames.in").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aMessageReachesTheRulesDecoded() {
        Connection c = connection(10, 20);
        gate.frame(c, ClientFrames.message("hi \"there\"").to("bob").ref("c1").json(), rules);
        assertEquals(List.of(new Inbound.Message("hi \"there\"", null, "bob", "c1")), handed);
        assertEquals(List.of(), transport.frames(), "the gate answers nothing: the rules do");
        assertEquals(1, framesIn("message"));
    }

    @Test
    void aFrameOverTheMaximumCloses1009WithoutTakingARateToken() {
        Connection c = connection(1, 20);
        String big = ClientFrames.message("x".repeat(MAX_CHARS)).ref("big").json();
        assertTrue(big.length() > MAX_CHARS);
        gate.frame(c, big, rules);
        assertEquals(List.of(Close.tooBig(MAX_CHARS)), transport.closes());
        assertEquals(1009, transport.closes().get(0).code());
        assertEquals(List.of(), handed);
        assertEquals(0, metrics.framesInTotal(), "never counted as a frame of any type");

        assertTrue(c.admit(() -> "next"), "the only token of the burst is still there");
        assertFalse(c.admit(() -> "then"), "and now it is spent");
    }

    @Test
    void aFrameOfExactlyTheMaximumPasses() {
        Connection c = connection(10, 20);
        String frame = ClientFrames.message("").json();
        String exact = ClientFrames.message("x".repeat(MAX_CHARS - frame.length())).json();
        assertEquals(MAX_CHARS, exact.length());
        gate.frame(c, exact, rules);
        assertEquals(1, handed.size());
        assertEquals(List.of(), transport.closes());
    }

    @Test
    void aRateRefusedFrameIsAnsweredWithItsRefAndNotHandedOn() {
        Connection c = connection(1, 20);
        gate.frame(c, ClientFrames.message("one").ref("m1").json(), rules);
        gate.frame(c, ClientFrames.message("two").ref("m2").json(), rules);
        assertEquals(List.of("one"), handed.stream().map(Inbound.Message::text).toList());
        JsonObject error = transport.frames().get(0);
        assertEquals("rate_limited", error.getString("code"));
        assertEquals("m2", error.getString("ref"));
        assertEquals(1, framesIn("message"), "a refused frame is not counted as received");
    }

    @Test
    void aRateRefusedPingIsNotAnswered() {
        Connection c = connection(1, 20);
        gate.frame(c, ClientFrames.ping("p1").json(), rules);
        gate.frame(c, ClientFrames.ping("p2").json(), rules);
        List<JsonObject> frames = transport.frames();
        assertEquals(2, frames.size());
        assertEquals("pong", frames.get(0).getString("type"));
        assertEquals("error", frames.get(1).getString("type"));
        assertEquals("p2", frames.get(1).getString("ref"));
    }

    @Test
    void aPingGetsAPongAndNeverReachesTheRules() {
        Connection c = connection(10, 20);
        gate.frame(c, ClientFrames.ping("p").json(), rules);
        JsonObject pong = transport.frames().get(0);
        assertEquals("pong", pong.getString("type"));
        assertEquals("p", pong.getString("ref"));
        assertEquals(List.of(), handed);
        assertEquals(1, framesIn("ping"));
    }

    @Test
    void anInvalidFrameGetsItsErrorAndNeverReachesTheRules() {
        Connection c = connection(10, 20);
        gate.frame(c, "not json", rules);
        gate.frame(c, ClientFrames.ofType("shout").ref("s").json(), rules);
        gate.frame(c, ClientFrames.ofType("message").ref("t").json(), rules);
        List<JsonObject> errors = transport.frames();
        assertEquals("bad_json", errors.get(0).getString("code"));
        assertFalse(errors.get(0).containsKey("ref"));
        assertEquals("bad_request", errors.get(1).getString("code"));
        assertEquals("s", errors.get(1).getString("ref"));
        assertEquals("bad_request", errors.get(2).getString("code"), "a message needs text");
        assertEquals("t", errors.get(2).getString("ref"));
        assertEquals(List.of(), handed);
        assertEquals(3, framesIn("invalid"));
        assertEquals(3, registry.find("parley.errors").tag("code", "bad_request").counter().count()
                + registry.find("parley.errors").tag("code", "bad_json").counter().count());
    }

    @Test
    void aFrameThatPassesAnswersTheHeartbeatPing() {
        Hub hub = Hubs.policy().heartbeat(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(5))
                .hub(metrics);
        Connection c = hub.open(transport, EndpointKind.ROOM, null, null);
        c.open();
        long base = System.nanoTime();
        c.checkAlive(base + Duration.ofSeconds(11).toNanos(), hub.policy());
        assertEquals(1, transport.pings());
        gate.frame(c, ClientFrames.message("still here").json(), rules);
        long heard = System.nanoTime();
        c.checkAlive(heard + Duration.ofSeconds(5).toNanos(), hub.policy());
        assertEquals(List.of(), transport.aborts());
        assertEquals(1, transport.pings(), "heard from lately");
    }

    @Test
    void pongsCountAgainstTheRateLimitAndEnoughOfThemClose4429() {
        Connection c = connection(2, 3);
        assertTrue(gate.pong(c));
        assertTrue(gate.pong(c));
        assertFalse(gate.pong(c));
        assertFalse(gate.pong(c));
        assertEquals(List.of(), transport.closes());
        assertFalse(gate.pong(c), "the third strike");
        assertEquals(List.of(Close.RATE_LIMITED), transport.closes());
        assertEquals(List.of(), transport.frames(), "a refused pong carries no ref to answer: none is answered");
    }

    @Test
    void anAnswerToParleysOwnPingIsHonouredWhateverTheRate() {
        Connection c = connection(1, 3);
        assertTrue(gate.pong(c));
        assertFalse(gate.pong(c), "over the rate");
        gate.answered(c);
        gate.answered(c);
        gate.answered(c);
        assertEquals(List.of(), transport.closes(), "answers to Parley's own pings are no strikes");
    }

    @Test
    void aRefusedPongDoesNotAnswerTheHeartbeatPing() {
        Hub hub = Hubs.policy().rate(1, 1, 20)
                .heartbeat(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(5)).hub(metrics);
        Connection c = hub.open(transport, EndpointKind.ROOM, null, null);
        c.open();
        assertTrue(gate.pong(c), "spends the only token");
        long base = System.nanoTime();
        c.checkAlive(base + Duration.ofSeconds(11).toNanos(), hub.policy());
        long pinged = System.nanoTime();
        assertEquals(1, transport.pings());
        assertFalse(gate.pong(c));
        c.checkAlive(pinged + Duration.ofSeconds(21).toNanos(), hub.policy());
        assertEquals(List.of(Close.PINGS_UNANSWERED), transport.aborts());
    }

    @Test
    void rawFramesAreRateLimitedCountedAndHandedOnUndecoded() {
        Connection c = connection(1, 20);
        List<String> echoed = new ArrayList<>();
        gate.raw(c, "{not json", "echo", (from, text) -> echoed.add(text));
        gate.raw(c, "again", "echo", (from, text) -> echoed.add(text));
        assertEquals(List.of("{not json"), echoed);
        assertEquals(1, framesIn("echo"));
        JsonObject error = transport.frames().get(0);
        assertEquals("rate_limited", error.getString("code"));
        assertNull(error.get("ref"));
    }

    @Test
    void aRawFrameOverTheMaximumCloses1009AndIsNotHandedOn() {
        Connection c = connection(1, 20);
        List<String> echoed = new ArrayList<>();
        gate.raw(c, "x".repeat(MAX_CHARS + 1), "echo", (from, text) -> echoed.add(text));
        assertEquals(List.of(Close.tooBig(MAX_CHARS)), transport.closes());
        assertEquals(List.of(), echoed);
        assertEquals(0, framesIn("echo"));
    }

    @Test
    void aBinaryFrameCloses1003() {
        Connection c = connection(10, 20);
        gate.binary(c);
        assertEquals(List.of(Close.BINARY), transport.closes());
        assertEquals(1003, Close.BINARY.code());
    }

    @Test
    void aConnectionBeingClosedSaysNothingMore() {
        Connection c = connection(10, 20);
        c.close(Close.RATE_LIMITED, true);
        gate.frame(c, ClientFrames.message("after the close").ref("late").json(), rules);
        gate.raw(c, "late", "echo", (from, text) -> handed.add(new Inbound.Message(text, null, null, null)));
        assertEquals(List.of(), handed, "no rule heard from a connection being closed");
        assertEquals(0, framesIn("message"));
    }
}
