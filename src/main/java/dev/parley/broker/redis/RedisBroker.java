package dev.parley.broker.redis;

import dev.parley.broker.Broker;
import dev.parley.broker.BrokerSettings;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Disconnects;
import dev.parley.broker.IdempotencyStore;
import dev.parley.broker.RoomBus;
import dev.parley.broker.UserBus;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared broker: rooms, presence, history and inboxes in one Redis, so that several nodes serve
 * the same rooms and users. One command connection and one pub/sub connection. While Redis is away,
 * Lettuce refuses commands at once (by default it would queue them and replay them later: a message
 * its sender was told was refused would appear after all), and a command waits at most
 * {@link #TIMEOUT}. Two threads of its own deliver pub/sub messages and sweep expired direct messages;
 * a third is its heartbeat (see {@link Heartbeat}): it checks that Redis answers, renews this
 * incarnation's presence leases, reaps the expired leases of others and sets presence back when Redis
 * returns.
 * What it holds is bounded by time, not by count: a room's keys expire after the history TTL without an
 * event, an offline user's after the retention (and a margin for the sweep) without a message.
 *
 * <p>Each broker is an incarnation: its node's name and a random suffix chosen at start, so that a node
 * started again never takes up the presence its previous run left behind.
 */
public final class RedisBroker implements Broker {
    private static final System.Logger LOG = System.getLogger(RedisBroker.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /**
     * How often the streams this node follows and that were quiet that long are compared with Redis: a
     * room whose events all went missing (a pub/sub connection lost for a moment) sends nothing that
     * would show the gap.
     */
    static final Duration CHECK = Duration.ofSeconds(3);
    private static final Duration SWEEP = Duration.ofMinutes(1);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final PubSub pubSub;
    private final ScheduledExecutorService threads;
    private final RedisRooms rooms;
    private final RedisUsers users;
    private final RedisDisconnects disconnects;
    private final RedisIdempotency idempotency;
    private final AtomicLong lastUndelivered = new AtomicLong();
    private final RedisPresence presence;
    private final Heartbeat heartbeat;
    private final AtomicBoolean halted = new AtomicBoolean();
    private final AtomicLong roomsHeld = new AtomicLong();
    private final AtomicLong usersHeld = new AtomicLong();

    private RedisBroker(RedisClient client, RedisURI uri, BrokerSettings settings, ScheduledExecutorService threads) {
        int historySize = settings.historySize();
        int inboxSize = settings.inboxSize();
        Duration retention = settings.retention();
        this.client = client;
        this.threads = threads;
        this.connection = client.connect(StringCodec.UTF8, uri);
        RedisCommands<String, String> redis = connection.sync();
        RedisUrl.refuseCluster(redis.info("cluster"));
        Functions functions = new Functions(redis);
        functions.load();
        this.pubSub = new PubSub(client.connectPubSub(StringCodec.UTF8, uri), threads, TIMEOUT);
        EventCodec codec = new EventCodec();
        this.presence = new RedisPresence(functions, incarnation(settings.node()), settings.lease(), settings.historyTtl());
        long sweepMillis = Math.max(1, Math.min(SWEEP.toMillis(), retention.toMillis()));
        this.rooms = new RedisRooms(functions, pubSub, codec, historySize, presence, settings.historyTtl());
        // the sweep, not the key's expiry, should find an undelivered message expired, so that it is
        // logged and the count of undelivered messages goes down: the keys outlive two sweeps more
        Duration userKeyTtl = retention.plusMillis(2 * sweepMillis);
        this.users = new RedisUsers(functions, pubSub, codec, inboxSize, retention, userKeyTtl);
        this.disconnects = new RedisDisconnects(redis, pubSub);
        this.idempotency = new RedisIdempotency(redis);
        // at once too: the counts of rooms and users held come from it
        threads.scheduleWithFixedDelay(this::sweep, 0, sweepMillis, TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(() -> checkQuiet(functions), CHECK.toMillis(), CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        this.heartbeat = new Heartbeat(() -> Functions.call(() -> redis.ping()), presence, pubSub,
                settings.heartbeat(), presence.incarnation());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                heartbeat.reconnected();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                heartbeat.disconnected();
            }
        });
    }

    /** The node's name and a random suffix: a restarted node is a new incarnation. */
    private static String incarnation(String node) {
        return node + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    /** Reaps every expired lease now, as the heartbeat does; answers the names that left. */
    int reapExpired() {
        return presence.reapExpired();
    }

    /** Reaps one {@code <room>\n<incarnation>} lease if it has expired. */
    int reap(String lease) {
        return presence.reap(lease);
    }

    /** This broker's incarnation: the name its presence is held under in Redis. */
    String incarnation() {
        return presence.incarnation();
    }

    /** Whether {@code parley.broker} names a Redis (a Cluster URL too, which {@link #connect} refuses). */
    public static boolean accepts(String url) {
        return RedisUrl.isRedis(url);
    }

    /**
     * Connects to the Redis of a {@code redis://}, {@code rediss://} or {@code redis-sentinel://} URL
     * and loads Parley's functions; a Redis Cluster is refused.
     */
    public static RedisBroker connect(String url, int historySize, int inboxSize, Duration retention) {
        return connect(url, BrokerSettings.of(historySize, inboxSize, retention));
    }

    /**
     * As {@link #connect(String, int, int, Duration)}, with every setting given.
     *
     * @throws IllegalArgumentException for a heartbeat that is not shorter than the lease
     */
    public static RedisBroker connect(String url, BrokerSettings settings) {
        if (settings.heartbeat().isNegative() || settings.heartbeat().isZero()
                || settings.heartbeat().compareTo(settings.lease()) >= 0) {
            throw new IllegalArgumentException("parley.broker.heartbeat (" + settings.heartbeat()
                    + ") must be positive and shorter than parley.broker.lease (" + settings.lease()
                    + "), or leases expire between renewals");
        }
        RedisURI uri = RedisUrl.parse(url);
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(command -> true) // nothing sent before a reconnect is sent again
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, task -> {
            Thread t = new Thread(task, "parley-redis-broker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return new RedisBroker(client, uri, settings, threads);
        } catch (RuntimeException e) {
            threads.shutdownNow();
            client.shutdown(Duration.ZERO, TIMEOUT);
            if (e instanceof RedisException || e instanceof BrokerUnavailableException) {
                throw new IllegalStateException("parley.broker: cannot reach Redis at " + RedisUrl.redacted(url)
                        + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean isUp() {
        return connection.isOpen() && pubSub.isOpen() && heartbeat.reachable();
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

    /** Undelivered direct messages in this Redis; while it is unreachable, the last count read. */
    @Override
    public long undelivered() {
        try {
            String value = Functions.call(() -> connection.sync().get(UserKeys.UNDELIVERED));
            lastUndelivered.set(value == null ? 0 : Long.parseLong(value));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "undelivered count not read", e);
        }
        return lastUndelivered.get();
    }

    /** Compares the streams this node follows and that went quiet with Redis (see {@link PubSub#checkQuiet}). */
    private void checkQuiet(Functions functions) {
        try {
            pubSub.checkQuiet(CHECK, metas -> functions.list("parley_stream_tops", metas.toArray(String[]::new)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the check of quiet streams waits for Redis", e);
        }
    }

    /** Rooms with keys in this Redis, as of the last sweep. */
    @Override
    public long roomsHeld() {
        return roomsHeld.get();
    }

    /** Users with retained messages in this Redis, as of the last sweep. */
    @Override
    public long usersHeld() {
        return usersHeld.get();
    }

    /**
     * Drops direct messages past their retention from every user in this Redis, and counts the rooms and
     * users held on the way: one SCAN of Parley's keys, so the counts cost no key or step of their own.
     * One at a time, so that a slower earlier sweep cannot leave its older counts behind.
     */
    synchronized void sweep() {
        try {
            ScanArgs pattern = ScanArgs.Builder.matches("parley:{*}:*").limit(500);
            ScanIterator<String> keys = ScanIterator.scan(connection.sync(), pattern);
            long roomCount = 0;
            long userCount = 0;
            while (keys.hasNext()) {
                String key = keys.next();
                if (key.startsWith("parley:{u:") && key.endsWith("}:retained")) {
                    String user = key.substring("parley:{u:".length(), key.length() - "}:retained".length());
                    if (users.sweep(user)) {
                        userCount++;
                    }
                } else if (key.startsWith("parley:{r:") && key.endsWith("}:meta")) {
                    roomCount++;
                }
            }
            roomsHeld.set(roomCount);
            usersHeld.set(userCount);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the sweep of expired direct messages failed", e);
        }
    }

    /** A node that stops leaves the rooms it still has names in, so that nobody waits for its leases. */
    @Override
    public void close() {
        boolean up = isUp();
        heartbeat.stop();
        try {
            if (up) {
                presence.release();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "presence not released; its leases will expire", e);
        }
        halt();
    }

    /**
     * Stops as a crashed node would: no heartbeat, both connections dropped, nothing released. Its leases
     * expire and other nodes reap them; its users' channels lose their subscriber at once.
     */
    void halt() {
        if (!halted.compareAndSet(false, true)) {
            return;
        }
        heartbeat.stop();
        threads.shutdownNow();
        client.shutdown(Duration.ZERO, TIMEOUT);
    }
}
