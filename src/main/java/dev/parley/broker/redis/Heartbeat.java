package dev.parley.broker.redis;

import dev.parley.broker.BrokerUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node's heartbeat, on threads of its own so that a slow Redis never holds up deliveries. At most
 * every second it asks Redis for a {@code PING}: the broker is up only while the last one was answered.
 * When Redis answers again after not answering, presence is set back at once to what this incarnation
 * has (Redis may have come back empty, or reaped its leases). Every {@code heartbeat} it renews its
 * leases and reaps expired ones, though not in its first heartbeat after Redis came back, so that the
 * other nodes have renewed theirs first.
 */
final class Heartbeat {
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());
    private static final Duration PROBE = Duration.ofSeconds(1);

    private final Runnable ping;
    private final RedisPresence presence;
    private final PubSub pubSub;
    private final long heartbeatNanos;
    private final ScheduledExecutorService thread;
    private volatile boolean reachable = true;
    /** When Redis last answered after not answering; at start, a heartbeat ago, so reaping starts at once. */
    private volatile long upSince;

    Heartbeat(Runnable ping, RedisPresence presence, PubSub pubSub, Duration heartbeat, String incarnation) {
        this.ping = ping;
        this.presence = presence;
        this.pubSub = pubSub;
        this.heartbeatNanos = heartbeat.toNanos();
        this.upSince = System.nanoTime() - heartbeatNanos;
        // two threads: a beat held up by a slow Redis does not hold up the probe that reports it
        AtomicInteger n = new AtomicInteger();
        this.thread = Executors.newScheduledThreadPool(2, task -> {
            Thread t = new Thread(task, "parley-redis-heartbeat-" + incarnation + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long beat = heartbeat.toMillis();
        long probe = Math.min(PROBE.toMillis(), beat);
        thread.scheduleWithFixedDelay(this::probe, probe, probe, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Whether Redis answered the last PING. */
    boolean reachable() {
        return reachable;
    }

    void stop() {
        thread.shutdownNow();
    }

    /** A connection to Redis dropped: down until a PING is answered again. */
    void disconnected() {
        reachable = false;
    }

    /** A connection to Redis was made again: probe now rather than at the next tick. */
    void reconnected() {
        try {
            thread.execute(this::probe);
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    private void probe() {
        try {
            ping.run();
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.log(System.Logger.Level.WARNING, "Redis does not answer: " + e.getMessage());
            }
            reachable = false;
            return;
        }
        if (!reachable) {
            LOG.log(System.Logger.Level.INFO, "Redis answers again: presence is set back to this node's");
            upSince = System.nanoTime();
            reachable = true;
            recover();
        }
    }

    private void recover() {
        try {
            presence.reconcileAll();
            pubSub.retryUnsubscribes();
        } catch (BrokerUnavailableException e) {
            reachable = false; // gone again: the next probe that is answered sets presence back
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "setting presence back after Redis came back failed", e);
        }
    }

    private void beat() {
        if (!reachable) {
            return;
        }
        try {
            presence.renew();
            pubSub.retryUnsubscribes();
            if (System.nanoTime() - upSince >= heartbeatNanos) {
                presence.reapExpired();
            }
        } catch (BrokerUnavailableException e) {
            reachable = false; // the probe says when Redis answers again
            LOG.log(System.Logger.Level.WARNING, "the heartbeat found Redis unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the heartbeat failed", e);
        }
    }
}
