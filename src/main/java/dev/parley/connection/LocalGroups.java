package dev.parley.connection;

import dev.parley.broker.Subscription;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * This node's members of each room (or each user's connections), with one broker subscription per
 * room while it has members here. The subscription's listener fans each event out to the live set.
 */
public final class LocalGroups<M> {
    private final Map<String, Group<M>> groups = new ConcurrentHashMap<>();
    private final BiFunction<String, Set<M>, Subscription> subscribe;

    /** {@code subscribe} gets the key and the live member set, and subscribes a listener that serves it. */
    public LocalGroups(BiFunction<String, Set<M>, Subscription> subscribe) {
        this.subscribe = subscribe;
    }

    private static final class Group<M> {
        final Set<M> members = ConcurrentHashMap.newKeySet();
        Subscription subscription;
        boolean closed;
    }

    public void add(String key, M member) {
        while (true) {
            Group<M> group = groups.computeIfAbsent(key, k -> new Group<>());
            synchronized (group) {
                if (group.closed) {
                    continue;
                }
                group.members.add(member);
                if (group.subscription == null) {
                    group.subscription = subscribe.apply(key, group.members);
                }
                return;
            }
        }
    }

    public void remove(String key, M member) {
        Group<M> group = groups.get(key);
        if (group == null) {
            return;
        }
        synchronized (group) {
            if (group.members.remove(member) && group.members.isEmpty()) {
                group.closed = true;
                groups.remove(key, group);
                group.subscription.close();
            }
        }
    }

    /** Calls {@code action} with every member on this node. */
    public void forEachMember(java.util.function.Consumer<M> action) {
        for (Group<M> group : groups.values()) {
            group.members.forEach(action);
        }
    }

    /** Keys with members on this node. */
    public int size() {
        return groups.size();
    }
}
