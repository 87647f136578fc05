package dev.parley.connection;

import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's connections in one room (or of one user): a concurrent set, and a list of it for fanning
 * events out, made again only after the set changed. Walking a concurrent map of thousands of members for
 * every event touched its every node; the list is one array, the same one from event to event.
 */
public final class Members extends AbstractSet<Connection> {
    private record Listed(long version, List<Connection> members) {
    }

    private final Set<Connection> set = ConcurrentHashMap.newKeySet();
    /** Moves on after every change of the set, so a list made from an older set is never taken. */
    private final AtomicLong version = new AtomicLong();
    private volatile Listed listed = new Listed(-1, List.of());

    /**
     * The members, as of a moment no earlier than the last change that ended before this call: a member
     * added before an event was published is in the list that event is fanned out to. The same list until
     * the set changes.
     */
    public List<Connection> list() {
        long now = version.get();
        Listed last = listed;
        if (last.version() != now) {
            last = new Listed(now, List.copyOf(set));
            listed = last;
        }
        return last.members();
    }

    @Override
    public boolean add(Connection member) {
        return moveOnIf(set.add(member));
    }

    @Override
    public boolean remove(Object member) {
        return moveOnIf(set.remove(member));
    }

    /** After the set changed, never before: a list made in between holds the change or is made again. */
    private boolean moveOnIf(boolean changed) {
        if (changed) {
            version.incrementAndGet();
        }
        return changed;
    }

    @Override
    public boolean contains(Object member) {
        return set.contains(member);
    }

    @Override
    public Iterator<Connection> iterator() {
        return Collections.unmodifiableSet(set).iterator();
    }

    @Override
    public int size() {
        return set.size();
    }
}
