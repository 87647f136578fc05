package dev.parley.it;

import dev.parley.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Small tools shared by the hostile-input tests: reading one answer off a raw socket, polling, heap, latency figures. */
final class Hostile {
    private Hostile() {
    }

    /**
     * What came back for one frame on a {@link RawWebSocket}: a text frame, a close frame with its code,
     * the connection ending without a close frame, or nothing within the wait.
     */
    record Answer(String text, int closeCode, boolean ended, boolean timedOut) {
        static Answer text(String text) {
            return new Answer(text, 0, false, false);
        }

        boolean isText() {
            return text != null;
        }

        boolean isClose() {
            return closeCode != 0;
        }

        @Override
        public String toString() {
            if (text != null) {
                return text.length() > 400 ? text.substring(0, 400) + "...(" + text.length() + " chars)" : text;
            }
            if (closeCode != 0) {
                return "close " + closeCode;
            }
            return ended ? "connection ended without a close frame" : "nothing (timed out)";
        }
    }

    /**
     * The next frame that answers something on {@code ws}: text frames other than {@code join} and
     * {@code leave} (presence is about others), fragments joined, or the server's close. Pings are answered
     * on the way, pongs skipped. A close is answered as a client should, best effort.
     */
    static Answer answer(RawWebSocket ws, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        ByteArrayOutputStream message = null;
        while (true) {
            long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
            RawWebSocket.Frame frame;
            try {
                frame = ws.readFrame(Duration.ofMillis(left));
            } catch (AssertionError e) {
                return new Answer(null, 0, false, true);
            } catch (UncheckedIOException e) {
                return new Answer(null, 0, true, false);
            }
            if (frame == null) {
                return new Answer(null, 0, true, false);
            }
            switch (frame.opcode()) {
                case RawWebSocket.OP_PING -> pong(ws, frame.payload());
                case RawWebSocket.OP_PONG -> {
                }
                case RawWebSocket.OP_CLOSE -> {
                    try {
                        ws.sendFrame(RawWebSocket.OP_CLOSE, frame.payload().length >= 2
                                ? new byte[] {frame.payload()[0], frame.payload()[1]} : new byte[0]);
                    } catch (UncheckedIOException e) {
                        // the server may have dropped the connection already
                    }
                    return new Answer(null, frame.closeCode(), false, false);
                }
                case RawWebSocket.OP_TEXT, RawWebSocket.OP_CONTINUATION -> {
                    if (frame.opcode() == RawWebSocket.OP_TEXT) {
                        if (message != null) {
                            return Answer.text("<a text frame inside a fragmented message>");
                        }
                        message = new ByteArrayOutputStream();
                    } else if (message == null) {
                        return Answer.text("<a continuation frame outside a message>");
                    }
                    message.writeBytes(frame.payload());
                    if (frame.fin()) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message = null;
                        if (!isPresence(text)) {
                            return Answer.text(text);
                        }
                    }
                }
                default -> {
                    return Answer.text("<unexpected " + frame + ">");
                }
            }
        }
    }

    private static boolean isPresence(String text) {
        return text.startsWith("{\"type\":\"join\"") || text.startsWith("{\"type\":\"leave\"");
    }

    private static void pong(RawWebSocket ws, byte[] payload) {
        try {
            ws.sendFrame(RawWebSocket.OP_PONG, payload);
        } catch (UncheckedIOException e) {
            // the next read reports the broken connection
        }
    }

    /** Polls {@code condition} every 50 ms for up to {@code wait}; fails with {@code what} (computed then) if it never holds. */
    static void eventually(Duration wait, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Heap in use after a few full collections (embedded Tomcat runs in this JVM, so this is the server's too). */
    static long heapUsedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }

    /** p50, p99 and max of round trips in nanoseconds, in milliseconds. */
    record Latencies(int count, double p50, double p99, double max) {
        static Latencies of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return new Latencies(0, 0, 0, 0);
            }
            return new Latencies(sorted.length, ms(sorted[(int) Math.floor(0.50 * (sorted.length - 1))]),
                    ms(sorted[(int) Math.floor(0.99 * (sorted.length - 1))]), ms(sorted[sorted.length - 1]));
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%d round trips: p50 %.2f ms, p99 %.2f ms, max %.2f ms", count, p50, p99, max);
        }
    }
}
