package dev.parley.broker.redis;

import static dev.parley.broker.redis.RedisRooms.number;
import static dev.parley.broker.redis.RedisRooms.strings;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.MessageIds;
import dev.parley.broker.Replay;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Users' direct messages in Redis, with the memory broker's rules: at most the inbox size retained per
 * user, the undelivered ones never evicted, retention applied whenever a user's messages are read and
 * by the broker's sweep. A user with nothing retained and offline has no key; an offline user's keys
 * expire {@code keyTtl} after its last message, so that nothing stays for ever even with no node to sweep.
 * Each step is one function call (see {@code parley.lua}).
 */
final class RedisUsers implements UserBus {
    private static final System.Logger LOG = System.getLogger(RedisUsers.class.getName());

    private final Functions functions;
    private final PubSub pubSub;
    private final EventCodec codec;
    private final int inboxSize;
    private final String retentionMicros;
    private final String keyTtlMillis;
    private final AtomicLong expired = new AtomicLong();
    private final Map<String, Here> users = new ConcurrentHashMap<>();

    RedisUsers(Functions functions, PubSub pubSub, EventCodec codec, int inboxSize, Duration retention,
               Duration keyTtl) {
        this.functions = functions;
        this.pubSub = pubSub;
        this.codec = codec;
        this.inboxSize = inboxSize;
        this.retentionMicros = Long.toString(retention.toNanos() / 1000);
        this.keyTtlMillis = Long.toString(Math.max(1, keyTtl.toMillis()));
    }

    /** Direct messages this node found expired undelivered, since it started. */
    long expired() {
        return expired.get();
    }

    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
        return subscribe(user, listener, () -> { });
    }

    /**
     * A listener is subscribed in Redis only while the user is online on this node; added while it is
     * offline, it waits for {@link #online}.
     */
    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener, Runnable lost) {
        while (true) {
            Here here = users.computeIfAbsent(user, u -> new Here());
            synchronized (here) {
                if (here.gone) {
                    continue;
                }
                Listener added = new Listener(listener, lost);
                if (here.connections > 0) {
                    added.subscription = pubSub.subscribe(UserKeys.of(user).channel(), source(user), listener, lost);
                }
                here.listeners.add(added);
                return () -> unsubscribe(user, here, added);
            }
        }
    }

    /** The user's stream for gap repair: what it retains. */
    private StreamSource<DirectMessage> source(String user) {
        UserKeys keys = UserKeys.of(user);
        return new StreamSource<>() {
            @Override
            public String meta() {
                return keys.meta();
            }

            @Override
            public Stamped<DirectMessage> decode(String payload) {
                return codec.directEvent(payload, RedisRooms.NO_EPOCH);
            }

            @Override
            public Fill<DirectMessage> since(long after, long before) {
                List<Object> r = functions.list("parley_user_since", keys.all(), Long.toString(after),
                        Long.toString(before));
                String epoch = (String) r.get(0);
                List<Stamped<DirectMessage>> events = new ArrayList<>();
                for (String json : strings(r.get(3))) {
                    events.add(codec.directEvent(json, epoch));
                }
                return new Fill<>(epoch, number(r.get(1)), number(r.get(2)), events);
            }

            @Override
            public String renew(String seen) {
                return functions.string("parley_stream_renew", new String[] {keys.meta()}, seen);
            }
        };
    }

    private void unsubscribe(String user, Here here, Listener listener) {
        synchronized (here) {
            if (here.listeners.remove(listener) && listener.subscription != null) {
                listener.subscription.close();
                listener.subscription = null;
            }
            forgetIfIdle(user, here);
        }
    }

    /**
     * While the user has a connection here, this node is subscribed to its channel: a message sent then
     * counts this node among the receivers of its {@code PUBLISH}, which is what makes it delivered. A
     * node that dies drops its pub/sub connection, and with it its users: nothing is left to undo.
     */
    @Override
    public void online(String user) {
        while (true) {
            Here here = users.computeIfAbsent(user, u -> new Here());
            synchronized (here) {
                if (here.gone) {
                    continue;
                }
                if (here.connections == 0) {
                    attach(user, here);
                }
                here.connections++;
                return;
            }
        }
    }

    @Override
    public void offline(String user) {
        Here here = users.get(user);
        if (here == null) {
            return;
        }
        synchronized (here) {
            if (here.gone || here.connections == 0 || --here.connections > 0) {
                return;
            }
            here.hold.close();
            here.hold = null;
            for (Listener listener : here.listeners) {
                listener.subscription.close();
                listener.subscription = null;
            }
            forgetIfIdle(user, here);
            // a message sent once the user is offline here must not count this node as a receiver
            pubSub.settle(UserKeys.of(user).channel());
        }
    }

    /** Subscribes the user's channel for this node, then each waiting listener; all or none. */
    private void attach(String user, Here here) {
        String channel = UserKeys.of(user).channel();
        try {
            here.hold = pubSub.subscribe(channel, source(user), m -> { }, () -> { });
            for (Listener listener : here.listeners) {
                listener.subscription = pubSub.subscribe(channel, source(user), listener.consumer, listener.lost);
            }
        } catch (RuntimeException e) {
            for (Listener listener : here.listeners) {
                if (listener.subscription != null) {
                    listener.subscription.close();
                    listener.subscription = null;
                }
            }
            if (here.hold != null) {
                here.hold.close();
                here.hold = null;
            }
            forgetIfIdle(user, here);
            throw e;
        }
    }

    private void forgetIfIdle(String user, Here here) {
        if (here.connections == 0 && here.listeners.isEmpty()) {
            here.gone = true;
            users.remove(user, here);
        }
    }

    /** A user's connections and listeners on this node (guarded by itself). */
    private static final class Here {
        int connections;
        /** The node's own subscription while the user is online here. */
        Subscription hold;
        final List<Listener> listeners = new ArrayList<>();
        boolean gone;
    }

    private static final class Listener {
        final Consumer<DirectMessage> consumer;
        final Runnable lost;
        /** Its subscription while the user is online here, else null. */
        Subscription subscription;

        Listener(Consumer<DirectMessage> consumer, Runnable lost) {
            this.consumer = consumer;
            this.lost = lost;
        }
    }

    @Override
    public Sent send(String from, String to, String text, JsonObject data) {
        UserKeys keys = UserKeys.of(to);
        Stamped<?> delivered = pubSub.last(keys.channel());
        List<Object> r = functions.list("parley_user_send", keys.all(), keys.channel(), Integer.toString(inboxSize),
                from, to, text == null ? "" : text, text == null ? "0" : "1", EventCodec.dataText(data), keyTtlMillis);
        if ("full".equals(r.get(0))) {
            throw new InboxFullException(to);
        }
        Stamped<DirectMessage> sent = codec.directEvent((String) r.get(1), RedisRooms.NO_EPOCH);
        if (delivered != null && delivered.epoch().equals(sent.epoch()) && sent.seq() <= delivered.seq()) {
            // a position this node delivered before the call was given again: Redis lost messages
            pubSub.wentBack(keys.channel(), sent.epoch());
        }
        return new Sent(sent.event(), number(r.get(2)) == 1);
    }

    @Override
    public void delivered(String user, long seq) {
        functions.list("parley_user_delivered", UserKeys.of(user).all(), Long.toString(seq));
    }

    @Override
    public Replay<DirectMessage> pending(String user) {
        return pending(catchUp(user, -1, ""), null);
    }

    @Override
    public Replay<DirectMessage> catchUp(String user, String sinceId) {
        String epoch = MessageIds.epochOf(sinceId).orElse("");
        List<Object> r = catchUp(user, epoch.isEmpty() ? -1 : new MessageIds(epoch).seqOf(sinceId), epoch);
        return number(r.get(3)) == 1 ? new Replay<>(messages(r), true, number(r.get(1))) : pending(r, false);
    }

    /**
     * Drops the user's expired messages now, as reading them would, and its keys when nothing is left and
     * it is offline; whether any message is left.
     */
    boolean sweep(String user) {
        List<Object> r = functions.list("parley_user_sweep", UserKeys.of(user).all(), retentionMicros);
        logExpired(user, strings(r.get(0)), (String) r.get(2));
        return number(r.get(1)) > 0;
    }

    /** Covered up to the newest pending message only, as the memory broker: later ones are live. */
    private Replay<DirectMessage> pending(List<Object> r, Boolean recovered) {
        List<DirectMessage> pending = messages(r);
        return new Replay<>(pending, recovered, pending.isEmpty() ? 0 : pending.get(pending.size() - 1).seq());
    }

    private List<Object> catchUp(String user, long since, String sinceEpoch) {
        List<Object> r = functions.list("parley_user_catch_up", UserKeys.of(user).all(), retentionMicros,
                Long.toString(since), sinceEpoch);
        logExpired(user, strings(r.get(0)), (String) r.get(5));
        return r;
    }

    private void logExpired(String user, List<String> seqs, String epoch) {
        for (String id : seqs) {
            expired.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "direct message {0} to {1} expired undelivered",
                    new MessageIds(epoch).format(Long.parseLong(id)), user);
        }
    }

    private List<DirectMessage> messages(List<Object> r) {
        List<DirectMessage> out = new ArrayList<>();
        for (String json : strings(r.get(4))) {
            out.add(codec.directMessage(json, (String) r.get(5)));
        }
        return out;
    }
}
