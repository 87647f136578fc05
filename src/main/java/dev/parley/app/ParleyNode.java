package dev.parley.app;

import dev.parley.access.Authenticator;
import dev.parley.access.OriginPolicy;
import dev.parley.access.TokenVerifier;
import dev.parley.broker.Broker;
import dev.parley.broker.Brokers;
import dev.parley.broker.Subscription;
import dev.parley.config.ParleyConfig;
import dev.parley.config.SecuritySummary;
import dev.parley.connection.Close;
import dev.parley.connection.ConnectionPolicy;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.Hub;
import dev.parley.connection.InboundGate;
import dev.parley.connection.Interruption;
import dev.parley.direct.Users;
import dev.parley.health.Probes;
import dev.parley.hook.HookConfig;
import dev.parley.hook.Hooks;
import dev.parley.monitor.MonitorFeed;
import dev.parley.monitor.NodeStats;
import dev.parley.ops.Metrics;
import dev.parley.room.FanoutLanes;
import dev.parley.room.Rooms;
import dev.parley.socket.Container;
import dev.parley.socket.Sockets;
import dev.parley.wire.DataRule;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.pause.NoPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One running Parley: its configuration, broker, connections and rules, and the threads they need. */
public final class ParleyNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ParleyNode.class.getName());

    private final ParleyConfig config;
    private final String version;
    private final Instant started = Instant.now();
    private final Broker broker;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Metrics metrics;
    private final Hub hub;
    private final ScheduledExecutorService scheduler;
    private final Sockets sockets;
    private final Rooms rooms;
    /**
     * A lane per core, up to four, for rooms of more than 256 members on this node: below that one thread's
     * pass is short, and handing work to another thread would cost more than it saves.
     */
    private final FanoutLanes fanoutLanes = FanoutLanes.of(Math.min(4, Runtime.getRuntime().availableProcessors()),
            256);
    private final Users users;
    private final MonitorFeed monitor;
    private final Probes probes;
    private final Subscription disconnects;
    private final Hooks hooks;

    /**
     * {@code container}: which kind of WebSocket container this node runs in, decided once at start;
     * {@code version}: the application's, for health and metrics.
     */
    public ParleyNode(ParleyConfig config, Container container, String version) {
        this(config, HookConfig.NONE, container, version);
    }

    /** {@code hookConfig}: the publish hook and the events URL, if any. */
    public ParleyNode(ParleyConfig config, HookConfig hookConfig, Container container, String version) {
        this.config = config;
        this.version = version;
        this.broker = createBroker(config);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().pauseDetector(new NoPauseDetector()).commonTags("node", config.node());
        for (MeterBinder binder : List.of(new ClassLoaderMetrics(), new JvmMemoryMetrics(), gcMetrics,
                new JvmThreadMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
        this.metrics = new Metrics(registry);
        metrics.buildInfo(version);
        ConnectionPolicy policy = new ConnectionPolicy(config.outboxFrames(), config.outboxBytes(),
                config.rateLimit(), config.rateBurst(), config.rateStrikes(), config.maxConnections(),
                config.maxPerAddress(), config.maxPerUser(), config.pingInterval(), config.pingTimeout(), config.closeTimeout());
        this.hub = new Hub(config.node(), policy, metrics);
        // one thread for every timer: heartbeats, the monitor's tick, the ends of close waits; none writes to a socket
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads("parley-timer"));
        // a connection's token expiry is cancelled when it closes: gone from the queue at once, not at exp
        timer.setRemoveOnCancelPolicy(true);
        this.scheduler = timer;
        // a confirmation ping after every quarter of the outbox's byte limit written
        Sockets.Setup setup = new Sockets.Setup(container, config.maxFrameBytes(), config.closeTimeout(),
                Math.max(1, config.outboxBytes() / 4), config.authTimeout());
        this.sockets = new Sockets(setup, hub, new Authenticator(config.auth().enabled()
                ? new TokenVerifier(config.auth(), Clock.systemUTC()) : null),
                new InboundGate(config.maxFrameBytes(), metrics), scheduler);
        long heartbeatMillis = Math.max(100, Math.min(config.pingInterval().toMillis(), config.pingTimeout().toMillis()) / 2);
        scheduler.scheduleWithFixedDelay(hub::checkAlive, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        TextRule textRule = new TextRule(config.maxTextLength(), new DataRule(config.maxDataBytes()));
        Limits limits = new Limits(config.maxTextLength(), config.maxDataBytes(), config.maxFrameBytes(),
                config.rateLimit(), config.rateBurst());
        this.hooks = new Hooks(hookConfig, textRule, metrics);
        this.rooms = new Rooms(hooks.rooms(broker.rooms()), hub, textRule, config.presenceLimit(), limits,
                hooks.publishHook(), Interruption.spread(), fanoutLanes);
        this.users = new Users(hooks.users(broker.users()), hub, textRule, metrics, limits, hooks.publishHook());
        this.disconnects = broker.disconnects().subscribe(d -> hub.closeUser(d.user(), Close.requested(d.code(), d.reason())));
        this.monitor = new MonitorFeed(new NodeStats(config.node(), hub, metrics), hub, scheduler);
        metrics.gauge("parley.rooms.active", "Rooms with members on this node", () -> hub.groups(EndpointKind.ROOM));
        metrics.gauge("parley.users.online", "Users with a connection on this node", () -> hub.groups(EndpointKind.USER));
        metrics.gauge("parley.inbox.undelivered", "Direct messages waiting in inboxes", broker::undelivered);
        metrics.gauge("parley.broker.rooms", "Rooms the broker holds history or members for", broker::roomsHeld);
        metrics.gauge("parley.broker.users", "Users the broker holds messages or connections for", broker::usersHeld);
        this.probes = new Probes(broker, hub, config.node(), started);
        metrics.counter("parley.direct.expired", "Direct messages discarded undelivered after the retention",
                broker, Broker::expired);
        LOG.log(System.Logger.Level.INFO, "Parley node {0} started with the {1} broker on a {2} container",
                config.node(), broker.kind(), container.name().toLowerCase(java.util.Locale.ROOT));
        LOG.log(System.Logger.Level.INFO, SecuritySummary.line(config));
        SecuritySummary.warning(config).ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
    }

    private static Broker createBroker(ParleyConfig config) {
        return Brokers.open(config.broker(), config.brokerSettings());
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public ParleyConfig config() {
        return config;
    }

    public Instant started() {
        return started;
    }

    public String version() {
        return version;
    }

    public Probes probes() {
        return probes;
    }

    public OriginPolicy origins() {
        return new OriginPolicy(config.origins());
    }

    public Broker broker() {
        return broker;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Hub hub() {
        return hub;
    }

    public Sockets sockets() {
        return sockets;
    }

    public Rooms rooms() {
        return rooms;
    }

    public Users users() {
        return users;
    }

    public MonitorFeed monitor() {
        return monitor;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Takes the node out of service: readiness goes down and new connections are refused with 1001 at once,
     * while the open ones stay for {@code parley.drain}, so a load balancer stops sending clients here before
     * they are told to reconnect; then every connection is closed with 1001 after what is queued for it, and
     * this waits up to {@code parley.close.timeout} for them to go. Only the first call does anything.
     */
    public void drain() {
        if (!hub.drain()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Parley node {0} draining {1} connections for {2} ms", config.node(),
                hub.count(), config.drain().toMillis());
        try {
            Thread.sleep(config.drain().toMillis());
            hub.closeAll(Close.GOING_AWAY);
            long deadline = System.nanoTime() + config.closeTimeout().toNanos();
            while (hub.count() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains (when that has not happened yet), then stops the node's threads and its broker. */
    @Override
    public void close() {
        drain();
        hub.closeAll(Close.GOING_AWAY);
        scheduler.shutdown();
        try {
            // the ends of close waits still run, so clients read what they were sent before their 1001
            if (!scheduler.awaitTermination(config.closeTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        disconnects.close();
        // after the connections, before the broker: answers still on their way are published, events posted
        hooks.close();
        fanoutLanes.close();
        broker.close();
        gcMetrics.close();
        registry.close();
        LOG.log(System.Logger.Level.INFO, "Parley node {0} stopped", config.node());
    }
}
