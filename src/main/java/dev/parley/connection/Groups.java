package dev.parley.connection;

import dev.parley.broker.Subscription;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * This node's connections in each room (or of each user), with one broker subscription per key while it
 * has any here. The subscription's listener fans each event out to the live set.
 */
final class Groups {
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final BiFunction<String, Members, Subscription> subscribe;

    Groups(BiFunction<String, Members, Subscription> subscribe) {
        this.subscribe = subscribe;
    }

    private static final class Group {
        final Members members = new Members();
        Subscription subscription;
        boolean closed;
    }

    void add(String key, Connection member) {
        while (true) {
            Group group = groups.computeIfAbsent(key, k -> new Group());
            synchronized (group) {
                if (group.closed) {
                    continue;
                }
                group.members.add(member);
                if (group.subscription == null) {
                    try {
                        group.subscription = subscribe.apply(key, group.members);
                    } catch (RuntimeException e) {
                        // the broker refused: the member is not added, and an empty group is not kept
                        group.members.remove(member);
                        if (group.members.isEmpty()) {
                            group.closed = true;
                            groups.remove(key, group);
                        }
                        throw e;
                    }
                }
                return;
            }
        }
    }

    void remove(String key, Connection member) {
        Group group = groups.get(key);
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

    void forEachMember(Consumer<Connection> action) {
        for (Group group : groups.values()) {
            group.members.forEach(action);
        }
    }

    /** Keys with members on this node. */
    int size() {
        return groups.size();
    }
}
