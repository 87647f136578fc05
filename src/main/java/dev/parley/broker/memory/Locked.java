package dev.parley.broker.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A map of rooms or users whose entries are each guarded by their own lock. An entry that becomes
 * unused (no member, listener or message ever) is removed, so connection churn leaves nothing behind.
 */
final class Locked<S extends Locked.State> {
    /** The state of one room or user. */
    abstract static class State {
        boolean removed;

        abstract boolean unused();
    }

    private final Map<String, S> entries = new ConcurrentHashMap<>();
    /** Made once: a capturing lambda per call would be an allocation on every message's path. */
    private final Function<String, S> create;
    /** After a scan that let nothing go: when the next one may run (clock millis). */
    private volatile long nextScan;

    Locked(Supplier<S> factory) {
        this.create = key -> factory.get();
    }

    <T> T with(String key, Function<S, T> action) {
        while (true) {
            S state = entries.get(key);
            if (state == null) {
                state = entries.computeIfAbsent(key, create);
            }
            synchronized (state) {
                if (state.removed) {
                    continue;
                }
                T result = action.apply(state);
                if (state.unused()) {
                    state.removed = true;
                    entries.remove(key, state);
                }
                return result;
            }
        }
    }

    /**
     * Whether a new entry for {@code key} fits under {@code max}. At the cap, the entries that may go (those
     * {@code age} answers for; null means it must stay) are let go oldest first, a hundredth of the cap at
     * a time, so that a run of new entries does not scan them all each time; and a scan that freed nothing
     * is not repeated within a second, so that a run of refusals does not either.
     */
    <A extends Comparable<A>> boolean admit(String key, int max, Function<S, A> age, Consumer<S> letGo, long now) {
        if (entries.size() < max || entries.containsKey(key)) {
            return true;
        }
        if (now < nextScan) {
            return false;
        }
        List<Map.Entry<String, A>> candidates = new ArrayList<>();
        for (String name : entries.keySet()) {
            A a = with(name, age);
            if (a != null) {
                candidates.add(Map.entry(name, a));
            }
        }
        candidates.sort(Map.Entry.comparingByValue());
        int batch = Math.max(entries.size() - max + 1, Math.max(1, max / 100));
        for (Map.Entry<String, A> candidate : candidates.subList(0, Math.min(batch, candidates.size()))) {
            with(candidate.getKey(), state -> {
                if (age.apply(state) != null) {
                    letGo.accept(state);
                }
                return null;
            });
        }
        boolean fits = entries.size() < max;
        if (!fits) {
            nextScan = now + 1000;
        }
        return fits;
    }

    Iterable<String> keys() {
        return entries.keySet();
    }

    int size() {
        return entries.size();
    }
}
