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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Users' direct messages in Redis, with the memory broker's rules: at most the inbox size retained per
 * user, the undelivered ones never evicted, retention applied whenever a user's messages are read and
 * by the broker's sweep. Each step is one function call (see {@code parley.lua}).
 */
final class RedisUsers implements UserBus {
    private static final System.Logger LOG = System.getLogger(RedisUsers.class.getName());

    private final Functions functions;
    private final PubSub pubSub;
    private final EventCodec codec;
    private final int inboxSize;
    private final String retentionMicros;
    private final AtomicLong expired = new AtomicLong();

    RedisUsers(Functions functions, PubSub pubSub, EventCodec codec, int inboxSize,
               Duration retention) {
        this.functions = functions;
        this.pubSub = pubSub;
        this.codec = codec;
        this.inboxSize = inboxSize;
        this.retentionMicros = Long.toString(retention.toNanos() / 1000);
    }

    /** Direct messages this node found expired undelivered, since it started. */
    long expired() {
        return expired.get();
    }

    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
        return subscribe(user, listener, () -> { });
    }

    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener, Runnable lost) {
        return pubSub.subscribe(UserKeys.of(user).channel(), source(user), listener, lost);
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

    @Override
    public void online(String user) {
        functions.list("parley_user_online", UserKeys.of(user).all(), "1");
    }

    @Override
    public void offline(String user) {
        functions.list("parley_user_online", UserKeys.of(user).all(), "-1");
    }

    @Override
    public Sent send(String from, String to, String text, JsonObject data) {
        UserKeys keys = UserKeys.of(to);
        Stamped<?> delivered = pubSub.last(keys.channel());
        List<Object> r = functions.list("parley_user_send", keys.all(), keys.channel(), Integer.toString(inboxSize),
                from, to, text == null ? "" : text, text == null ? "0" : "1", EventCodec.dataText(data));
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

    /** Drops the user's expired messages now, as reading them would. */
    void expire(String user) {
        catchUp(user, -1, "");
    }

    /** Covered up to the newest pending message only, as the memory broker: later ones are live. */
    private Replay<DirectMessage> pending(List<Object> r, Boolean recovered) {
        List<DirectMessage> pending = messages(r);
        return new Replay<>(pending, recovered, pending.isEmpty() ? 0 : pending.get(pending.size() - 1).seq());
    }

    private List<Object> catchUp(String user, long since, String sinceEpoch) {
        List<Object> r = functions.list("parley_user_catch_up", UserKeys.of(user).all(), retentionMicros,
                Long.toString(since), sinceEpoch);
        for (String id : strings(r.get(0))) {
            expired.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "direct message {0} to {1} expired undelivered",
                    new MessageIds((String) r.get(5)).format(Long.parseLong(id)), user);
        }
        return r;
    }

    private List<DirectMessage> messages(List<Object> r) {
        List<DirectMessage> out = new ArrayList<>();
        for (String json : strings(r.get(4))) {
            out.add(codec.directMessage(json, (String) r.get(5)));
        }
        return out;
    }
}
