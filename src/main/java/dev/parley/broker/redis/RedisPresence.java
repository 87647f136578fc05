package dev.parley.broker.redis;

import static dev.parley.broker.redis.RedisRooms.number;
import static dev.parley.broker.redis.RedisRooms.strings;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.RoomBus.Entered;
import dev.parley.broker.RoomBus.Left;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * This incarnation's presence in Redis. It keeps, per room, the names it entered and their connections
 * here: what it holds in Redis under its lease, and what Redis is set back to whenever the two may
 * differ (a call whose outcome is unknown, a lease that was reaped, a Redis that came back empty).
 * Entering and leaving take a room's read lock, so they run side by side (their changes in Redis are
 * increments, which commute); setting Redis back takes the write lock, so no change is in flight then.
 */
final class RedisPresence {
    private static final System.Logger LOG = System.getLogger(RedisPresence.class.getName());
    /** Expired leases read per call while reaping. */
    private static final int REAP_BATCH = 100;

    private final Functions functions;
    private final String incarnation;
    private final String leaseMillis;
    /** How long a room's meta and history outlive its last event (every join and leave is one). */
    private final String ttlMillis;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();

    RedisPresence(Functions functions, String incarnation, Duration lease, Duration historyTtl) {
        this.functions = functions;
        this.incarnation = incarnation;
        this.leaseMillis = Long.toString(lease.toMillis());
        this.ttlMillis = Long.toString(Math.max(1, historyTtl.toMillis()));
    }

    private static final class Room {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        final Map<String, Integer> names = new ConcurrentHashMap<>();
        /** Redis may not hold what {@link #names} says: set it back at the next heartbeat. */
        volatile boolean dirty;
        /** Forgotten by the map: a caller that locked it late takes a new one (under the write lock). */
        boolean removed;
    }

    String incarnation() {
        return incarnation;
    }

    Entered enter(String room, String name) {
        RoomKeys keys = RoomKeys.of(room);
        Room held = lockRead(room);
        try {
            boolean alone = held.names.isEmpty();
            List<Object> r;
            try {
                r = functions.list("parley_room_enter", new String[] {keys.meta(), keys.presence(), RoomKeys.ACTIVE,
                        keys.held(incarnation), keys.leases(), RoomKeys.LEASES, keys.history()},
                        keys.channel(), name == null ? "1" : "0", name == null ? "" : name, room, incarnation,
                        leaseMillis, ttlMillis);
            } catch (RuntimeException e) {
                held.dirty = true; // it may have counted in Redis
                throw e;
            }
            String entered = (String) r.get(0);
            held.names.merge(entered, 1, Integer::sum);
            if (number(r.get(3)) == 0 && !alone) {
                held.dirty = true; // the lease was reaped: the other names here are gone from Redis
            }
            return new Entered(entered, number(r.get(1)) == 1, (int) number(r.get(2)));
        } finally {
            held.lock.readLock().unlock();
        }
    }

    /** The name's connection here is gone whatever Redis answers; a Redis that cannot answer learns it later. */
    Left leave(String room, String name) {
        RoomKeys keys = RoomKeys.of(room);
        Room held = lockRead(room);
        try {
            held.names.computeIfPresent(name, (n, count) -> count == 1 ? null : count - 1);
            List<Object> r;
            try {
                r = functions.list("parley_room_leave", new String[] {keys.meta(), keys.presence(), keys.history(),
                        RoomKeys.ACTIVE, keys.held(incarnation), keys.leases(), RoomKeys.LEASES},
                        keys.channel(), name, room, incarnation, ttlMillis);
            } catch (RuntimeException e) {
                held.dirty = true;
                throw e;
            }
            if (number(r.get(2)) == 0 && !held.names.isEmpty()) {
                held.dirty = true;
            }
            return new Left(number(r.get(0)) == 1, (int) number(r.get(1)));
        } finally {
            held.lock.readLock().unlock();
        }
    }

    /**
     * One heartbeat: renews the lease of every room this incarnation has names in, and sets Redis back
     * to what it has where the lease was gone or a change may not have reached Redis.
     */
    void renew() {
        for (String room : Set.copyOf(rooms.keySet())) {
            Room held = rooms.get(room);
            if (held == null) {
                continue;
            }
            try {
                if (held.names.isEmpty() && !held.dirty) {
                    forget(room, held);
                } else if (held.dirty || !renewed(room)) {
                    reconcile(room);
                }
            } catch (BrokerUnavailableException e) {
                throw e; // the next rooms would wait as long: the heartbeat tries again when Redis answers
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the lease in " + room + " was not renewed", e);
            }
        }
    }

    /** Sets Redis back to what this incarnation has in every room (after Redis came back). */
    void reconcileAll() {
        for (String room : Set.copyOf(rooms.keySet())) {
            try {
                reconcile(room);
            } catch (BrokerUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "presence in " + room + " was not set back", e);
            }
        }
    }

    /** Leaves every room at once (a node that stops): the names it held stream their leaves. */
    void release() {
        for (Room held : rooms.values()) {
            held.names.clear();
            held.dirty = true;
        }
        reconcileAll();
    }

    /** A room this incarnation left entirely, in step with Redis (whose last leave dropped the lease). */
    private void forget(String room, Room held) {
        held.lock.writeLock().lock();
        try {
            if (held.names.isEmpty() && !held.dirty && !held.removed) {
                held.removed = true;
                rooms.remove(room, held);
            }
        } finally {
            held.lock.writeLock().unlock();
        }
    }

    private boolean renewed(String room) {
        RoomKeys keys = RoomKeys.of(room);
        return number(functions.list("parley_room_renew",
                new String[] {keys.held(incarnation), keys.leases(), RoomKeys.LEASES}, room, incarnation,
                leaseMillis).get(0)) == 1;
    }

    /**
     * Sets what this incarnation holds in Redis for {@code room} to exactly what it has, in one call that
     * streams a join or leave for each name that came or went across the room. A room left empty here and
     * in step with Redis is forgotten.
     */
    void reconcile(String room) {
        Room held = rooms.get(room);
        if (held == null) {
            return;
        }
        held.lock.writeLock().lock();
        try {
            if (held.removed) {
                return;
            }
            held.dirty = true;
            RoomKeys keys = RoomKeys.of(room);
            List<String> args = new ArrayList<>(List.of(keys.channel(), room, incarnation, leaseMillis));
            held.names.forEach((name, count) -> {
                args.add(name);
                args.add(Integer.toString(count));
            });
            List<Object> r = functions.list("parley_room_reconcile", new String[] {keys.meta(), keys.presence(),
                    keys.history(), RoomKeys.ACTIVE, keys.held(incarnation), keys.leases(), RoomKeys.LEASES},
                    args.toArray(String[]::new));
            held.dirty = false;
            if (number(r.get(0)) + number(r.get(1)) > 0) {
                LOG.log(System.Logger.Level.INFO, "presence in {0} set back to this node''s: {1} joined, {2} left", room,
                        r.get(0), r.get(1));
            }
            if (held.names.isEmpty()) {
                held.removed = true;
                rooms.remove(room, held);
            }
        } finally {
            held.lock.writeLock().unlock();
        }
    }

    /**
     * Reaps every expired lease, of any incarnation in any room: each is one atomic, idempotent call, so
     * nodes reaping the same lease at once stream its leaves once. Answers the names that left.
     */
    int reapExpired() {
        int left = 0;
        while (true) {
            List<String> expired = strings(functions.list("parley_leases_expired", new String[] {RoomKeys.LEASES},
                    Integer.toString(REAP_BATCH)));
            for (String lease : expired) {
                left += reap(lease);
            }
            if (expired.size() < REAP_BATCH) {
                return left;
            }
        }
    }

    /** Reaps one {@code <room>\n<incarnation>} lease if it has expired; idempotent. */
    int reap(String lease) {
        int split = lease.indexOf('\n');
        if (split < 0) {
            return 0;
        }
        String room = lease.substring(0, split);
        String holder = lease.substring(split + 1);
        RoomKeys keys = RoomKeys.of(room);
        long left = number(functions.list("parley_room_reap", new String[] {keys.meta(), keys.presence(),
                keys.history(), RoomKeys.ACTIVE, keys.held(holder), keys.leases(), RoomKeys.LEASES},
                keys.channel(), room, holder).get(0));
        if (left > 0) {
            LOG.log(System.Logger.Level.INFO, "the lease of {0} in {1} expired: {2} names left", holder, room, left);
        }
        return (int) Math.max(0, left);
    }

    private Room lockRead(String room) {
        while (true) {
            Room held = rooms.computeIfAbsent(room, r -> new Room());
            held.lock.readLock().lock();
            if (!held.removed) {
                return held;
            }
            held.lock.readLock().unlock();
        }
    }
}
