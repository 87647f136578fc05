package dev.parley.broker.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Supplier<S> factory;

    Locked(Supplier<S> factory) {
        this.factory = factory;
    }

    <T> T with(String key, Function<S, T> action) {
        while (true) {
            S state = entries.computeIfAbsent(key, k -> factory.get());
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

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    Iterable<String> keys() {
        return entries.keySet();
    }

    int size() {
        return entries.size();
    }
}
