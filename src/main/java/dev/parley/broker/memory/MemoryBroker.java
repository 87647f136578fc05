package dev.parley.broker.memory;

import dev.parley.broker.Broker;
import dev.parley.broker.BrokerSettings;
import dev.parley.broker.Disconnects;
import dev.parley.broker.IdempotencyStore;
import dev.parley.broker.RoomBus;
import dev.parley.broker.UserBus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker of a single node: everything in this JVM's memory, gone when it stops. The default;
 * several nodes need a shared broker instead. It has two threads of its own: they drop direct messages
 * past their retention and rooms idle past the history TTL every minute (or sooner, for a shorter
 * retention or TTL), and carry on deliveries that one publishing thread would otherwise run for too long.
 */
public final class MemoryBroker implements Broker {
    /** Idempotency keys kept at most; past it the oldest is forgotten first. */
    static final int IDEMPOTENCY_KEYS = 10_000;

    private final MemoryRooms rooms;
    private final MemoryUsers users;
    private final MemoryDisconnects disconnects = new MemoryDisconnects();
    private final MemoryIdempotency idempotency;
    private final ScheduledThreadPoolExecutor threads;

    public MemoryBroker(int historySize, int inboxSize, Duration retention, Clock clock) {
        this(BrokerSettings.of(historySize, inboxSize, retention), clock);
    }

    public MemoryBroker(BrokerSettings settings, Clock clock) {
        int historySize = settings.historySize();
        int inboxSize = settings.inboxSize();
        Duration retention = settings.retention();
        AtomicInteger n = new AtomicInteger();
        this.threads = new ScheduledThreadPoolExecutor(2, task -> {
            Thread t = new Thread(task, "parley-memory-broker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.rooms = new MemoryRooms(historySize, settings.historyTtl(), settings.maxRooms(), clock, threads);
        this.users = new MemoryUsers(inboxSize, retention, settings.maxUsers(), clock, threads);
        this.idempotency = new MemoryIdempotency(IDEMPOTENCY_KEYS, clock);
        long sweepMillis = sweepEvery(retention);
        threads.scheduleWithFixedDelay(users::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        long roomSweepMillis = sweepEvery(settings.historyTtl());
        threads.scheduleWithFixedDelay(rooms::sweep, roomSweepMillis, roomSweepMillis, TimeUnit.MILLISECONDS);
    }

    private static long sweepEvery(Duration limit) {
        return Math.max(1, Math.min(Duration.ofMinutes(1).toMillis(), limit.toMillis()));
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean isUp() {
        return true;
    }

    @Override
    public RoomBus rooms() {
        return rooms;
    }

    @Override
    public UserBus users() {
        return users;
    }

    @Override
    public IdempotencyStore idempotency() {
        return idempotency;
    }

    @Override
    public Disconnects disconnects() {
        return disconnects;
    }

    @Override
    public long expired() {
        return users.expired();
    }

    @Override
    public long undelivered() {
        return users.undelivered();
    }

    @Override
    public long roomsHeld() {
        return rooms.size();
    }

    @Override
    public long usersHeld() {
        return users.size();
    }

    /**
     * Drops direct messages past their retention and rooms idle past the history TTL now, as the broker's
     * own timer does every so often.
     */
    void sweep() {
        users.sweep();
        rooms.sweep();
    }

    /** Rooms and users with any state; for tests that check nothing is left behind. */
    public int topics() {
        return rooms.size() + users.size();
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            // the container checks for the application's threads right after it stops: let ours end first
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
