package dev.parley.broker.redis;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Subscription;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This node's one pub/sub connection: a channel per room or user it has listeners for. Messages arrive
 * on Lettuce's event loop, which only hands each to the channel's {@link Lane}; listeners run there, one
 * message at a time, in the order Redis published them. A room's or a user's channel follows its stream
 * with a {@link StreamOrder}, which fills the gaps pub/sub leaves; it is checked against the stream again
 * when Lettuce has subscribed again after a reconnect, and by {@link #checkQuiet} for channels that went
 * quiet.
 */
final class PubSub extends RedisPubSubAdapter<String, String> {
    private static final System.Logger LOG = System.getLogger(PubSub.class.getName());
    /** Streams whose positions one call of {@code parley_stream_tops} reads. */
    static final int TOPS_PER_CALL = 500;

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final Executor threads;
    private final Duration timeout;
    private final Map<String, Channel<?>> channels = new ConcurrentHashMap<>();
    /**
     * Channels whose unsubscribe failed (Redis was away): Lettuce would subscribe them again on
     * reconnecting, and a user's channel subscribed with no connection here would count this node as
     * a receiver of its messages. Unsubscribed again by {@link #retryUnsubscribes}.
     */
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    /** Unsubscribes sent and not yet answered, by channel. */
    private final Map<String, CompletableFuture<Void>> leaving = new ConcurrentHashMap<>();

    PubSub(StatefulRedisPubSubConnection<String, String> connection, Executor threads, Duration timeout) {
        this.connection = connection;
        this.threads = threads;
        this.timeout = timeout;
        connection.addListener(this);
    }

    private static final class Member<E> {
        final Consumer<E> listener;
        final Runnable lost;
        volatile boolean active;

        Member(Consumer<E> listener, Runnable lost) {
            this.listener = listener;
            this.lost = lost;
        }
    }

    private static final class Channel<E> {
        final Lane lane;
        final Function<String, E> decode;
        /** Null for a channel that is no stream (the server API's disconnects). */
        final StreamSource<E> source;
        final StreamOrder<E> order;
        final List<Member<E>> members = new CopyOnWriteArrayList<>();
        volatile long heardNanos = System.nanoTime();

        Channel(String name, Lane lane, Function<String, E> decode, StreamSource<E> source) {
            this.lane = lane;
            this.decode = decode;
            this.source = source;
            this.order = source == null ? null : new StreamOrder<>(name, source, this::fan, this::lost);
        }

        void deliver(String payload) {
            heardNanos = System.nanoTime();
            if (order == null) {
                fan(decode.apply(payload));
            } else {
                order.received(source.decode(payload));
            }
        }

        private void fan(E event) {
            for (Member<E> member : members) {
                if (member.active) {
                    try {
                        member.listener.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a listener failed on an event", e);
                    }
                }
            }
        }

        private void lost() {
            for (Member<E> member : members) {
                if (member.active) {
                    member.lost.run();
                }
            }
        }

        /** In the lane: compares with the stream; Redis being away now is for a later check. */
        void check() {
            try {
                order.check();
            } catch (BrokerUnavailableException e) {
                LOG.log(System.Logger.Level.DEBUG, "a stream check waits for Redis", e);
            }
        }
    }

    @Override
    public void message(String channel, String payload) {
        Channel<?> target = channels.get(channel);
        if (target != null) {
            target.lane.execute(() -> target.deliver(payload));
        }
    }

    /**
     * Redis confirmed a subscription: the first one (nothing to compare yet), or Lettuce's subscribing
     * again after a reconnect, when events published meanwhile were lost to this node: the stream fills
     * them in, in the lane, ahead of whatever arrives next.
     */
    @Override
    public void subscribed(String channel, long count) {
        Channel<?> target = channels.get(channel);
        if (target != null && target.order != null) {
            target.lane.execute(target::check);
        }
    }

    /**
     * Compares every stream this node follows and that was quiet for {@code quiet} with Redis: their
     * positions first, read {@link #TOPS_PER_CALL} at a time by {@code tops} (epoch and position of each
     * meta key, one after the other), then a check in the lane of each one that is not where its
     * channel left it.
     */
    void checkQuiet(Duration quiet, Function<List<String>, List<Object>> tops) {
        long now = System.nanoTime();
        List<Channel<?>> due = new ArrayList<>();
        for (Channel<?> channel : channels.values()) {
            if (channel.order != null && channel.order.last() != null && now - channel.heardNanos >= quiet.toNanos()) {
                due.add(channel);
            }
        }
        for (int from = 0; from < due.size(); from += TOPS_PER_CALL) {
            List<Channel<?>> slice = due.subList(from, Math.min(due.size(), from + TOPS_PER_CALL));
            List<Object> read = tops.apply(slice.stream().map(c -> c.source.meta()).toList());
            for (int i = 0; i < slice.size(); i++) {
                Channel<?> channel = slice.get(i);
                if (!channel.order.caughtUp((String) read.get(2 * i), ((Number) read.get(2 * i + 1)).longValue())) {
                    channel.lane.execute(channel::check);
                }
            }
        }
    }

    /** The last position delivered on a stream's channel, or null. */
    Stamped<?> last(String name) {
        Channel<?> channel = channels.get(name);
        return channel == null || channel.order == null ? null : channel.order.last();
    }

    /** The stream of a channel went back from {@code epoch} (see {@link StreamOrder#wentBack}). */
    void wentBack(String name, String epoch) {
        Channel<?> channel = channels.get(name);
        if (channel != null && channel.order != null) {
            channel.lane.execute(() -> channel.order.wentBack(epoch));
        }
    }

    /** Listens to a channel that is no stream: no order is kept, nothing is filled. */
    <E> Subscription subscribe(String name, Function<String, E> decode, Consumer<E> listener) {
        return subscribe(name, decode, null, listener, () -> { });
    }

    /** Listens to a stream's channel: see {@link StreamOrder}; {@code lost} runs when it cannot be repaired. */
    <E> Subscription subscribe(String name, StreamSource<E> source, Consumer<E> listener, Runnable lost) {
        return subscribe(name, null, source, listener, lost);
    }

    /**
     * Listens to a channel from now on: subscribes in Redis when this is the channel's first listener,
     * then waits for the answer to a PING on the same connection. Whatever was published before this
     * call reaches the connection ahead of that answer, so the listener becomes active in the lane
     * right after it and gets exactly what was published later. A stream's channel then reads where the
     * stream is, where its repair starts.
     */
    @SuppressWarnings("unchecked")
    private synchronized <E> Subscription subscribe(String name, Function<String, E> decode, StreamSource<E> source,
                                                    Consumer<E> listener, Runnable lost) {
        Channel<E> channel = (Channel<E>) channels.get(name);
        boolean fresh = channel == null;
        if (fresh) {
            channel = new Channel<>(name, new Lane(threads), decode, source);
            channels.put(name, channel);
        }
        Member<E> member = new Member<>(listener, lost);
        channel.members.add(member);
        Lane lane = channel.lane;
        try {
            if (fresh) {
                await(connection.async().subscribe(name).toCompletableFuture());
            }
            await(connection.async().ping().toCompletableFuture()
                    .thenRun(() -> lane.execute(() -> member.active = true)));
        } catch (RuntimeException e) {
            unsubscribe(name, channel, member);
            throw e;
        }
        if (fresh && source != null) {
            start(channel, source);
        }
        Channel<E> subscribed = channel;
        return () -> unsubscribe(name, subscribed, member);
    }

    private static <E> void start(Channel<E> channel, StreamSource<E> source) {
        try {
            StreamSource.Fill<E> top = source.top();
            channel.lane.execute(() -> channel.order.start(top.epoch(), top.seq()));
        } catch (BrokerUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "a stream's position was not read; its first event sets it", e);
        }
    }

    private synchronized <E> void unsubscribe(String name, Channel<E> channel, Member<E> member) {
        member.active = false;
        if (channel.members.remove(member) && channel.members.isEmpty() && channels.remove(name, channel)) {
            unsubscribe(name);
        }
    }

    private void unsubscribe(String name) {
        CompletableFuture<Void> done = connection.async().unsubscribe(name).toCompletableFuture()
                .handle((ok, e) -> {
                    if (e != null) {
                        LOG.log(System.Logger.Level.DEBUG, "unsubscribing " + name + " failed", e);
                        stale.add(name);
                    }
                    return null;
                });
        leaving.put(name, done);
        done.whenComplete((ok, e) -> leaving.remove(name, done));
    }

    /**
     * Waits (at most the timeout) until Redis has taken an unsubscribe of the channel that is under way,
     * if any: from then on a {@code PUBLISH} to it no longer counts this node.
     */
    void settle(String name) {
        CompletableFuture<Void> done = leaving.get(name);
        if (done != null) {
            try {
                done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.DEBUG, "unsubscribing " + name + " did not settle", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Unsubscribes again the channels whose unsubscribe failed and that no listener took up since. */
    synchronized void retryUnsubscribes() {
        for (String name : Set.copyOf(stale)) {
            stale.remove(name);
            if (!channels.containsKey(name)) {
                unsubscribe(name);
            }
        }
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BrokerUnavailableException("Redis pub/sub failed", e.getCause());
        } catch (TimeoutException | RedisException e) {
            future.cancel(false);
            throw new BrokerUnavailableException("Redis pub/sub did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while subscribing", e);
        }
    }
}
