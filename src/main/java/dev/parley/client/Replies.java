package dev.parley.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames waiting for an answer, by {@code ref}: each future completes with the answer of its type
 * carrying its ref, exceptionally with an {@code error} carrying it, or with a {@code TimeoutException}.
 */
final class Replies {
    private record Waiting<T extends Frame>(Class<T> type, CompletableFuture<T> future) {
        boolean answer(Frame frame) {
            return type.isInstance(frame) && future.complete(type.cast(frame));
        }
    }

    private final Map<String, Waiting<?>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final Duration timeout;

    Replies(Duration timeout) {
        this.timeout = timeout;
    }

    /** A ref no earlier frame of this connection used. */
    String nextRef() {
        return "j" + counter.incrementAndGet();
    }

    <T extends Frame> CompletableFuture<T> expect(String ref, Class<T> type) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Waiting<T> entry = new Waiting<>(type, future);
        waiting.put(ref, entry);
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> waiting.remove(ref, entry));
        return future;
    }

    /** Completes what waits for this frame's ref; false when nothing did (an error then goes to the listener). */
    boolean answer(Frame frame) {
        String ref = refOf(frame);
        Waiting<?> entry = ref == null ? null : waiting.get(ref);
        if (entry == null) {
            return false;
        }
        if (frame instanceof ServerError error) {
            return entry.future().completeExceptionally(new ErrorReplyException(error));
        }
        return entry.answer(frame);
    }

    /** Fails everything still waiting, as when the connection ends. */
    void failAll(Throwable cause) {
        List<Waiting<?>> all = new ArrayList<>(waiting.values());
        waiting.clear();
        all.forEach(entry -> entry.future().completeExceptionally(cause));
    }

    int size() {
        return waiting.size();
    }

    private static String refOf(Frame frame) {
        if (frame instanceof Message m) {
            return m.ref();
        } else if (frame instanceof Ack a) {
            return a.ref();
        } else if (frame instanceof ServerError e) {
            return e.ref();
        } else if (frame instanceof Pong p) {
            return p.ref();
        }
        return null;
    }
}
