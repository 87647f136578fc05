package dev.parley.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answers to POSTs made with an {@code Idempotency-Key}, each kept for a while so that a repeat gets
 * the first answer and does nothing. Repeats that arrive while the first call still runs wait for its
 * answer. At most {@code capacity} keys are kept; past it, the oldest goes first. A map in insertion
 * order does that exactly, where a cache library's size policy may drop a fresh key before an old one.
 */
final class IdempotencyKeys {
    static final int MAX_KEY_LENGTH = 200;

    private final long ttlNanos;
    private final int capacity;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(CompletableFuture<StoredReply> reply, long storedAt) {
    }

    IdempotencyKeys(Duration ttl, int capacity, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
        this.clock = nanoClock;
    }

    /** @throws ApiProblem 400 when the key is empty or over {@value #MAX_KEY_LENGTH} characters */
    static void check(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new ApiProblem(400, "bad_request", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /**
     * The first answer under {@code key} in {@code scope} (the call's path) within the time kept, else
     * the answer of {@code call}, which is then kept. A 503 is not kept: nothing was done, so a repeat may
     * try again.
     */
    StoredReply once(String scope, String key, Supplier<StoredReply> call) {
        String id = scope + '\n' + key;
        CompletableFuture<StoredReply> mine = new CompletableFuture<>();
        CompletableFuture<StoredReply> first = claim(id, mine);
        if (first != null) {
            return first.join();
        }
        try {
            StoredReply reply = call.get();
            if (reply.status() == 503) {
                forget(id, mine);
            }
            mine.complete(reply);
            return reply;
        } catch (RuntimeException | Error e) {
            forget(id, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many keys are kept now. */
    synchronized int size() {
        expire(clock.getAsLong());
        return entries.size();
    }

    /** The reply of a live entry under {@code id}, or null after placing {@code mine} there. */
    private synchronized CompletableFuture<StoredReply> claim(String id, CompletableFuture<StoredReply> mine) {
        long now = clock.getAsLong();
        expire(now);
        Entry kept = entries.get(id);
        if (kept != null) {
            return kept.reply();
        }
        entries.put(id, new Entry(mine, now));
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
        return null;
    }

    private synchronized void forget(String id, CompletableFuture<StoredReply> mine) {
        Entry kept = entries.get(id);
        if (kept != null && kept.reply() == mine) {
            entries.remove(id);
        }
    }

    /** Entries are in the order they were stored, so the expired ones are at the front. */
    private void expire(long now) {
        var it = entries.values().iterator();
        while (it.hasNext() && now - it.next().storedAt() >= ttlNanos) {
            it.remove();
        }
    }
}
