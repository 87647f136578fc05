package dev.parley.connection;

import dev.parley.access.Identity;
import dev.parley.broker.Subscription;
import dev.parley.ops.Metrics;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Who is connected to this node: every connection by id and by endpoint kind, within the node's limits,
 * and the connections of each room and user with the one broker subscription per room or user. Every
 * "who is here" question is a query on it.
 */
public final class Hub {
    private static final System.Logger LOG = System.getLogger(Hub.class.getName());

    private final String node;
    private final ConnectionPolicy policy;
    private final Metrics metrics;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, Connection> byId = new ConcurrentHashMap<>();
    private final Map<EndpointKind, AtomicInteger> byKind = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, Groups> groups = new EnumMap<>(EndpointKind.class);
    private final Quota byAddress;
    private final Quota byUser;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    public Hub(String node, ConnectionPolicy policy, Metrics metrics) {
        this.node = node;
        this.policy = policy;
        this.metrics = metrics;
        this.byAddress = new Quota(policy.maxPerAddress());
        this.byUser = new Quota(policy.maxPerUser());
        for (EndpointKind kind : EndpointKind.values()) {
            AtomicInteger count = new AtomicInteger();
            byKind.put(kind, count);
            metrics.gauge("parley.connections", "Open WebSocket connections, by endpoint", count::get,
                    "endpoint", kind.label());
        }
        metrics.gauge("parley.outbox.queued", "Frames waiting in all outboxes to be written", this::queuedFrames);
        metrics.gauge("parley.outbox.queued.bytes", "Bytes waiting in all outboxes to be written", this::queuedBytes);
    }

    public ConnectionPolicy policy() {
        return policy;
    }

    /**
     * How the groups of {@code kind} subscribe to the broker: {@code subscribe} gets the key and the live
     * set of this node's connections there, and answers the subscription that serves them. Set once per
     * kind, when the rules of that kind are made.
     */
    public void serve(EndpointKind kind, BiFunction<String, Members, Subscription> subscribe) {
        groups.put(kind, new Groups(subscribe));
    }

    /**
     * Takes a new connection.
     *
     * @param address  the client's address, or null when unknown (then only the total counts)
     * @param identity who the client proved to be, or null
     * @throws Refused with 1001 while the node drains, with 1013 when the node, the client's address (an
     *                 IPv6 address counts by its /64) or the identity already has as many as allowed
     */
    public Connection open(Transport transport, EndpointKind kind, String address, String identity) {
        return openProven(transport, kind, address, identity == null ? null : Identity.principal(identity));
    }

    /** As {@link #open(Transport, EndpointKind, String, String)}, with all the client proved: its token's expiry and rooms. */
    public Connection openProven(Transport transport, EndpointKind kind, String address, Identity proven) {
        String identity = proven == null ? null : proven.user();
        if (draining.get()) {
            throw new Refused(Close.GOING_AWAY);
        }
        if (!reserve(address, identity)) {
            throw new Refused(Close.TRY_AGAIN_LATER);
        }
        return created(transport, kind, address, proven);
    }

    /**
     * Holds a place for a session that has yet to say who it is (its token comes in its first frame): meanwhile
     * it counts against the node's and its address's limits like a connection.
     *
     * @throws Refused as {@link #openProven}
     */
    public Place hold(String address) {
        if (draining.get()) {
            throw new Refused(Close.GOING_AWAY);
        }
        if (!reserve(address, null)) {
            throw new Refused(Close.TRY_AGAIN_LATER);
        }
        return new Place(address);
    }

    /**
     * The held session proved who it is: it becomes a connection in its place, once the identity's own limit
     * allows it. The place is used up either way.
     *
     * @throws Refused with 1001 while the node drains, 1013 when the identity has as many as allowed
     */
    public Connection openHeld(Place place, Transport transport, EndpointKind kind, Identity proven) {
        if (!place.use()) {
            throw new IllegalStateException("a place is used once");
        }
        String identity = proven == null ? null : proven.user();
        if (draining.get() || (identity != null && !byUser.take(identity))) {
            release(place.address(), null);
            throw new Refused(draining.get() ? Close.GOING_AWAY : Close.TRY_AGAIN_LATER);
        }
        return created(transport, kind, place.address(), proven);
    }

    /** A held session ended without proving who it is: its place is free again. */
    public void free(Place place) {
        if (place.use()) {
            release(place.address(), null);
        }
    }

    private Connection created(Transport transport, EndpointKind kind, String address, Identity proven) {
        Connection c = new Connection(node + "-" + counter.incrementAndGet(), kind, address, proven, transport,
                policy, metrics, this);
        byId.put(c.id(), c);
        byKind.get(kind).incrementAndGet();
        return c;
    }

    /**
     * Adds {@code c} to the group of {@code key} under {@code name}; when it ends, {@code leave} runs once
     * and then it leaves the group. False when it has ended already: nothing was added, and the caller
     * undoes what it did for the joining.
     */
    public boolean join(Connection c, String key, String name, Runnable leave) {
        Groups of = groups.get(c.kind());
        c.named(key, name);
        of.add(key, c);
        if (!c.joined(() -> {
            leave.run();
            of.remove(key, c);
        })) {
            of.remove(key, c);
            return false;
        }
        return true;
    }

    /** The socket of {@code c} is gone: counted with its close code and forgotten. */
    void forget(Connection c, int code) {
        if (byId.remove(c.id(), c)) {
            metrics.closed(code);
            release(c.address(), c.identity());
            byKind.get(c.kind()).decrementAndGet();
            LOG.log(System.Logger.Level.DEBUG, "closed {0} on {1} with {2,number,#} after {3,number,#} ms", c.id(),
                    c.kind().label(), code, (System.nanoTime() - c.openedAt()) / 1_000_000);
        }
    }

    /** A session refused before it became a connection, counted with its close code. */
    public void refused(Close close) {
        metrics.closed(close.code());
    }

    private boolean reserve(String address, String identity) {
        if (total.incrementAndGet() > policy.maxTotal()) {
            total.decrementAndGet();
            return false;
        }
        if (address != null && !byAddress.take(AddressKey.of(address))) {
            total.decrementAndGet();
            return false;
        }
        if (identity != null && !byUser.take(identity)) {
            release(address, null);
            return false;
        }
        return true;
    }

    private void release(String address, String identity) {
        total.decrementAndGet();
        if (address != null) {
            byAddress.give(AddressKey.of(address));
        }
        if (identity != null) {
            byUser.give(identity);
        }
    }

    /** Pings silent connections and drops those that stopped reading (the node calls this periodically). */
    public void checkAlive() {
        long now = System.nanoTime();
        for (Connection c : byId.values()) {
            c.checkAlive(now, policy);
        }
    }

    /** Open connections, of every kind. */
    public int count() {
        return byId.size();
    }

    public int count(EndpointKind kind) {
        return byKind.get(kind).get();
    }

    /** Rooms (or users) with connections on this node. */
    public int groups(EndpointKind kind) {
        Groups of = groups.get(kind);
        return of == null ? 0 : of.size();
    }

    /** Adds the names of this node's connections in rooms and of users. */
    public void names(Set<String> into) {
        groups.values().forEach(g -> g.forEachMember(c -> into.add(c.name())));
    }

    public void forEach(EndpointKind kind, Consumer<Connection> action) {
        for (Connection c : byId.values()) {
            if (c.kind() == kind) {
                action.accept(c);
            }
        }
    }

    private int queuedFrames() {
        int sum = 0;
        for (Connection c : byId.values()) {
            sum += c.queued();
        }
        return sum;
    }

    private long queuedBytes() {
        long sum = 0;
        for (Connection c : byId.values()) {
            sum += c.queuedBytes();
        }
        return sum;
    }

    /**
     * From now on new connections are refused with 1001; those open stay until {@link #closeAll}. True for
     * the call that started the drain.
     */
    public boolean drain() {
        return draining.compareAndSet(false, true);
    }

    public boolean draining() {
        return draining.get();
    }

    /**
     * Closes this node's connections of {@code user}, after what is queued for them: those of the user
     * endpoint under that name, and any other that proved to be that user. Answers how many.
     */
    public int closeUser(String user, Close close) {
        int closed = 0;
        for (Connection c : byId.values()) {
            if (user.equals(c.identity()) || c.kind() == EndpointKind.USER && user.equals(c.name())) {
                c.close(close, true);
                closed++;
            }
        }
        return closed;
    }

    /** Closes every connection, e.g. with 1001 when the application stops. */
    public void closeAll(Close close) {
        for (Connection c : byId.values()) {
            c.close(close, true);
        }
    }
}
