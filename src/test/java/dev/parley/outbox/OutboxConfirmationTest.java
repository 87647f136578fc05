package dev.parley.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.wire.CloseCodes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Over a transport that pings, written bytes count until a pong confirms them, up to four byte limits. */
class OutboxConfirmationTest {
    /** 100 bytes: a ping after every 25 written, up to 400 written unread. */
    private static final Outbox.Limits LIMITS = new Outbox.Limits(1000, 100);
    private static final Encoded TEN = Encoded.raw("0123456789", "message");

    /** Completes every write and ping at once, like a container that buffers without bound. */
    private static final class PingingTransport implements Transport {
        final List<String> written = new ArrayList<>();
        final List<Long> pings = new ArrayList<>();
        final List<Integer> closeCodes = new ArrayList<>();

        @Override
        public void send(String text, Consumer<Throwable> done) {
            written.add(text);
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closeCodes.add(code);
        }

        @Override
        public void ping() {
        }

        @Override
        public boolean pingsInOrder() {
            return true;
        }

        @Override
        public void ping(byte[] payload, Consumer<Throwable> done) {
            pings.add(ByteBuffer.wrap(payload).getLong());
            written.add("<ping>");
            done.accept(null);
        }
    }

    private static byte[] payload(long n) {
        return ByteBuffer.allocate(Long.BYTES).putLong(n).array();
    }

    @Test
    void aClientThatNeverAnswersIsClosedOnceItsUnreadBytesPassFourLimits() {
        PingingTransport transport = new PingingTransport();
        Outbox outbox = new Outbox(transport, LIMITS, false);
        int accepted = 0;
        while (accepted < 1000 && outbox.offer(TEN)) {
            accepted++;
        }
        assertEquals(40, accepted, "4 x 100 bytes written unread");
        assertEquals(List.of(CloseCodes.SLOW_CONSUMER), transport.closeCodes);
        assertEquals(List.of(1L), transport.pings, "one ping at a time, after the first 25 bytes");
        assertEquals("<ping>", transport.written.get(3));
    }

    @Test
    void aPongConfirmsEverythingWrittenBeforeItsPing() {
        PingingTransport transport = new PingingTransport();
        Outbox outbox = new Outbox(transport, LIMITS, false);
        for (int round = 1; round <= 50; round++) {
            for (int i = 0; i < 3; i++) {
                assertTrue(outbox.offer(TEN), "round " + round);
            }
            assertEquals(round, transport.pings.size());
            outbox.ponged(payload(round));
        }
        assertEquals(List.of(), transport.closeCodes);
        assertEquals(200, transport.written.size());
    }

    @Test
    void aPongForAnotherPingConfirmsNothing() {
        PingingTransport transport = new PingingTransport();
        Outbox outbox = new Outbox(transport, LIMITS, false);
        for (int i = 0; i < 3; i++) {
            outbox.offer(TEN);
        }
        outbox.ponged(payload(2));
        outbox.ponged("drain".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 3; i < 40; i++) {
            assertTrue(outbox.offer(TEN));
        }
        assertFalse(outbox.offer(TEN));
    }

    @Test
    void aTransportThatDoesNotPingCountsOnlyWhatWaits() {
        RecordingOnly transport = new RecordingOnly();
        Outbox outbox = new Outbox(transport, LIMITS, false);
        for (int i = 0; i < 1000; i++) {
            assertTrue(outbox.offer(TEN));
        }
        assertEquals(List.of(), transport.closeCodes);
    }

    private static final class RecordingOnly implements Transport {
        final List<Integer> closeCodes = new ArrayList<>();

        @Override
        public void send(String text, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void close(int code, String reason) {
            closeCodes.add(code);
        }

        @Override
        public void ping() {
        }
    }
}
