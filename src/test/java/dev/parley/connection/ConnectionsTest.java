package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.outbox.Outbox;
import dev.parley.wire.PongFrame;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsTest {

    private static Connections limited(int rate, int burst, int strikes, int total, int perAddress) {
        return RecordingTransport.connections(new ConnectionPolicy(new Outbox.Limits(100, 1 << 20), rate, burst,
                strikes, total, perAddress));
    }

    @Test
    void anAddressGetsNoMoreThanItsShareAndAClosedOneFreesIt() {
        Connections connections = limited(100, 100, 5, 10, 2);
        Connection a = connections.open(new RecordingTransport(), "room", "10.0.0.1", null);
        assertNotNull(connections.open(new RecordingTransport(), "room", "10.0.0.1", null));
        RecordingTransport refused = new RecordingTransport();
        assertNull(connections.open(refused, "room", "10.0.0.1", null));
        assertEquals(1013, refused.closeCode());
        assertNotNull(connections.open(new RecordingTransport(), "room", "10.0.0.2", null), "another address");
        connections.closed(a, 1000);
        assertNotNull(connections.open(new RecordingTransport(), "room", "10.0.0.1", null));
    }

    @Test
    void theNodeGetsNoMoreThanItsTotal() {
        Connections connections = limited(100, 100, 5, 2, 10);
        connections.open(new RecordingTransport(), "room", null, null);
        connections.open(new RecordingTransport(), "user", "10.0.0.3", null);
        RecordingTransport refused = new RecordingTransport();
        assertNull(connections.open(refused, "echo", null, null));
        assertEquals(1013, refused.closeCode());
        assertEquals(2, connections.count());
    }

    @Test
    void framesOverTheRateAreRefusedAndRepeatedRefusalsClose4429() {
        Connections connections = limited(1, 2, 3, 10, 10);
        RecordingTransport transport = new RecordingTransport();
        Connection c = connections.open(transport, "room", null, null);
        c.open();
        assertTrue(c.admit("message", "a"));
        assertTrue(c.admit("ping", "b"));
        for (String ref : List.of("c", "d", "e")) {
            assertEquals(false, c.admit("message", ref));
        }
        List<JsonObject> errors = transport.frames();
        assertEquals(3, errors.size());
        assertEquals("rate_limited", errors.get(0).getString("code"));
        assertEquals("c", errors.get(0).getString("ref"));
        assertEquals(4429, transport.closeCode(), "three refusals in a row");
    }

    @Test
    void aConnectionWritesItsWelcomeOnlyOnceTheHandshakeHasResponded() {
        List<Runnable> afterResponse = new ArrayList<>();
        RecordingTransport transport = new RecordingTransport() {
            @Override
            public void afterHandshake(Runnable action) {
                afterResponse.add(action);
            }
        };
        Connection c = limited(100, 100, 5, 10, 10).open(transport, "echo", null, null);
        c.open();
        c.send(PongFrame.of("early"));
        assertEquals(List.of(), transport.frames(), "the 101 response has not gone out yet");
        afterResponse.forEach(Runnable::run);
        assertEquals("early", transport.frames().get(0).getString("ref"));
    }

    @Test
    void aSilentConnectionIsPingedAndClosed4408WhenItNeverAnswers() throws InterruptedException {
        Connections connections = limited(100, 100, 5, 10, 10);
        RecordingTransport silent = new RecordingTransport();
        RecordingTransport answering = new RecordingTransport();
        connections.open(silent, "room", null, null);
        Connection alive = connections.open(answering, "room", null, null);
        Duration interval = Duration.ofMillis(20);
        Duration timeout = Duration.ofMillis(40);
        Thread.sleep(25);
        connections.checkAlive(interval, timeout);
        assertEquals(1, silent.pings());
        assertEquals(1, answering.pings());
        alive.ponged();
        connections.checkAlive(interval, timeout);
        assertEquals(1, silent.pings(), "one ping outstanding at a time");
        Thread.sleep(45);
        connections.checkAlive(interval, timeout);
        assertEquals(4408, silent.closeCode());
        assertEquals(0, answering.closeCode(), "it answered");
    }

    @Test
    void aFailedWriteEndsTheConnectionOnceAndRunsItsCleanUp() {
        Connections connections = limited(100, 100, 5, 1, 10);
        java.util.concurrent.atomic.AtomicInteger cleanUps = new java.util.concurrent.atomic.AtomicInteger();
        dev.parley.outbox.Transport broken = new dev.parley.outbox.Transport() {
            @Override
            public void send(String text, java.util.function.Consumer<Throwable> done) {
                done.accept(new java.io.IOException("connection reset"));
            }

            @Override
            public void close(int code, String reason) {
                // the socket is gone already
            }

            @Override
            public void ping() {
                // never pinged in this test
            }
        };
        Connection c = connections.open(broken, "room", "10.0.0.9", null);
        c.onEnd(cleanUps::incrementAndGet);
        c.open();
        c.send(dev.parley.outbox.Encoded.raw("x", "test"));
        assertEquals(1, cleanUps.get(), "the endpoint cleaned up");
        assertEquals(0, connections.count());
        connections.closed(c, 1006);
        assertEquals(1, cleanUps.get(), "a later close report changes nothing");
        assertNotNull(connections.open(new RecordingTransport(), "room", "10.0.0.9", null), "its place is free");
    }
}
