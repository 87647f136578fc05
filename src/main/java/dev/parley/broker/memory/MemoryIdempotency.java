package dev.parley.broker.memory;

import dev.parley.broker.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Idempotency keys of a single node: at most {@code capacity}, the oldest forgotten first. A map in
 * insertion order does that exactly, where a cache library's size policy may drop a fresh key before an
 * old one. A claim that finds the key still running waits for its answer.
 */
final class MemoryIdempotency implements IdempotencyStore {
    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** {@code answer} completes with null when the claim is released. */
    private record Entry(CompletableFuture<String> answer, long expiresAt) {
    }

    MemoryIdempotency(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Optional<String> claim(String key, Duration ttl) {
        while (true) {
            CompletableFuture<String> first = claimOrFind(key, ttl);
            if (first == null) {
                return Optional.empty();
            }
            String answer = join(first);
            if (answer != null) {
                return Optional.of(answer);
            }
            // released: nothing was done, so this call may claim the key itself
        }
    }

    @Override
    public void complete(String key, String answer) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(key);
        }
        if (entry != null) {
            entry.answer().complete(answer);
        }
    }

    @Override
    public void release(String key) {
        Entry entry;
        synchronized (this) {
            entry = entries.remove(key);
        }
        if (entry != null) {
            entry.answer().complete(null);
        }
    }

    /** Keys kept now, expired ones aside. */
    synchronized int size() {
        expire(clock.millis());
        return entries.size();
    }

    /** Null after placing a claim for the caller; else the answer to wait for. */
    private synchronized CompletableFuture<String> claimOrFind(String key, Duration ttl) {
        long now = clock.millis();
        expire(now);
        Entry kept = entries.get(key);
        if (kept != null) {
            return kept.answer();
        }
        entries.put(key, new Entry(new CompletableFuture<>(), now + ttl.toMillis()));
        if (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
        return null;
    }

    /** Entries are in the order they were claimed, so the expired ones are at the front. */
    private void expire(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && it.next().expiresAt() <= now) {
            it.remove();
        }
    }

    private static String join(CompletableFuture<String> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            return null;
        }
    }
}
