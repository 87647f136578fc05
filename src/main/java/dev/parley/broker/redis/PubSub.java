package dev.parley.broker.redis;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Subscription;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
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
 * message at a time, in the order Redis published them.
 */
final class PubSub extends RedisPubSubAdapter<String, String> {
    private static final System.Logger LOG = System.getLogger(PubSub.class.getName());

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
        volatile boolean active;

        Member(Consumer<E> listener) {
            this.listener = listener;
        }
    }

    private static final class Channel<E> {
        final Lane lane;
        final Function<String, E> decode;
        final List<Member<E>> members = new CopyOnWriteArrayList<>();

        Channel(Lane lane, Function<String, E> decode) {
            this.lane = lane;
            this.decode = decode;
        }

        void deliver(String payload) {
            E event = decode.apply(payload);
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
    }

    @Override
    public void message(String channel, String payload) {
        Channel<?> target = channels.get(channel);
        if (target != null) {
            target.lane.execute(() -> target.deliver(payload));
        }
    }

    /**
     * Listens to a channel from now on: subscribes in Redis when this is the channel's first listener,
     * then waits for the answer to a PING on the same connection. Whatever was published before this
     * call reaches the connection ahead of that answer, so the listener becomes active in the lane
     * right after it and gets exactly what was published later.
     */
    @SuppressWarnings("unchecked")
    synchronized <E> Subscription subscribe(String name, Function<String, E> decode, Consumer<E> listener) {
        Channel<E> channel = (Channel<E>) channels.get(name);
        boolean fresh = channel == null;
        if (fresh) {
            channel = new Channel<>(new Lane(threads), decode);
            channels.put(name, channel);
        }
        Member<E> member = new Member<>(listener);
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
        Channel<E> subscribed = channel;
        return () -> unsubscribe(name, subscribed, member);
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
