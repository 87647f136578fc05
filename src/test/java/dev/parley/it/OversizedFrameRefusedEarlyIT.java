package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A frame over {@code parley.frame.max} (65536 by default) is refused while it arrives: the connection is
 * closed (1009; on Payara, where Tyrus refuses a frame past the input buffer Parley sizes for it, 1011)
 * long before the client has sent all of a frame that announces megabytes, so the server never holds
 * such a frame.
 */
public class OversizedFrameRefusedEarlyIT extends ParleyIT {
    private static final int ANNOUNCED = 3 * 1024 * 1024;
    private static final int CHUNK = 16 * 1024;
    /** Well past the maximum and whatever a container reads ahead, far short of the frame. */
    private static final int CLOSED_BEFORE = 512 * 1024;
    /**
     * Past twice the maximum the client slows down, 100 ms between chunks, so that the server has
     * seconds, not milliseconds, to close before {@link #CLOSED_BEFORE}; past that, the rest goes quickly
     * only to tell when the close comes.
     */
    private static final int SLOW_FROM = 2 * 65536;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/echo", "ws/room/big-frame?name=alice", "ws/user/alice"})
    void aFrameAnnouncingMegabytesIsClosed1009WhileItArrives(String path) {
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oversized-frame-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, path))) {
            assertEquals(101, ws.status());
            // a write blocks when the server stops reading without closing: end the test instead
            watchdog.schedule(ws::close, 30, TimeUnit.SECONDS);

            byte[] mask = new byte[4];
            new SecureRandom().nextBytes(mask);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            header.write(0x80 | RawWebSocket.OP_TEXT);
            header.write(0x80 | 127);
            header.writeBytes(ByteBuffer.allocate(8).putLong(ANNOUNCED).array());
            header.writeBytes(mask);
            ws.sendRaw(header.toByteArray());

            int sent = 0;
            RawWebSocket.Frame close = null;
            String ended = null;
            byte[] chunk = new byte[CHUNK];
            while (sent < ANNOUNCED && close == null && ended == null) {
                boolean slow = sent >= SLOW_FROM && sent < CLOSED_BEFORE;
                RawWebSocket.Frame frame = poll(ws, Duration.ofMillis(slow ? 100 : 10));
                if (frame == END) {
                    ended = "the server ended the connection without a close frame after " + kb(sent) + " of payload";
                    break;
                }
                if (frame != null && frame.isClose()) {
                    close = frame;
                    break;
                }
                int n = Math.min(CHUNK, ANNOUNCED - sent);
                Arrays.fill(chunk, (byte) 'x');
                for (int i = 0; i < n; i++) {
                    chunk[i] ^= mask[(sent + i) & 3];
                }
                try {
                    ws.sendRaw(n == CHUNK ? chunk : Arrays.copyOf(chunk, n));
                } catch (UncheckedIOException e) {
                    ended = "writing failed after " + kb(sent) + " of payload (" + e.getCause() + ")";
                    break;
                }
                sent += n;
            }
            int sentBeforeClose = sent;
            if (close == null) {
                // the whole frame is out, or writing failed: whatever the server said is still to be read
                close = closeFrame(ws, Duration.ofSeconds(10));
            }
            String what = path + ": a text frame announcing " + kb(ANNOUNCED) + " (maximum 65536 characters)";
            assertTrue(close != null, what + ": no close frame; " + (ended != null ? ended
                    : "all of it was sent and nothing came back within 10 s"));
            // 1009 from Parley, or 1011 from a container that refuses a frame past its own input buffer
            // itself (Tyrus on Payara: "Buffer overflow."), which Parley sizes from parley.frame.max
            assertTrue(close.closeCode() == 1009 || close.closeCode() == 1011, what + " was closed with " + close);
            assertTrue(sentBeforeClose < CLOSED_BEFORE, what + " was closed with 1009 only after " + kb(sentBeforeClose)
                    + " of its payload had been sent" + (sentBeforeClose == ANNOUNCED ? " (all of it)" : "")
                    + "; expected before " + kb(CLOSED_BEFORE));
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** Stands for the end of the connection in {@link #poll}. */
    private static final RawWebSocket.Frame END = new RawWebSocket.Frame(true, -1, new byte[0]);

    /** The next frame within {@code wait} (pings answered), null if none, {@link #END} when the connection ended. */
    private static RawWebSocket.Frame poll(RawWebSocket ws, Duration wait) {
        RawWebSocket.Frame frame;
        try {
            frame = ws.readFrame(wait);
        } catch (AssertionError timedOut) {
            return null;
        } catch (UncheckedIOException e) {
            return END;
        }
        if (frame == null) {
            return END;
        }
        if (frame.opcode() == RawWebSocket.OP_PING) {
            try {
                ws.sendFrame(RawWebSocket.OP_PONG, frame.payload());
            } catch (UncheckedIOException e) {
                // the server is closing
            }
        }
        return frame;
    }

    /** Reads until a close frame, for up to {@code wait}; null when the connection ended without one or none came. */
    private static RawWebSocket.Frame closeFrame(RawWebSocket ws, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            RawWebSocket.Frame frame = poll(ws, Duration.ofMillis(200));
            if (frame == END) {
                return null;
            }
            if (frame != null && frame.isClose()) {
                return frame;
            }
        }
        return null;
    }

    private static String kb(int bytes) {
        return bytes / 1024 + " KB";
    }
}
