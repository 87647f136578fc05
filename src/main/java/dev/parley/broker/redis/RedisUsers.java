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
 * by the broker's sweep. A user with nothing retained and offline has no key; an offline user's keys
 * expire {@code keyTtl} after its last message, so that nothing stays for ever even with no node to sweep.
 * Each step is one function call (see {@code parley.lua}).
 */
final class RedisUsers implements UserBus {
    private static final System.Logger LOG = System.getLogger(RedisUsers.class.getName());

    private final Functions functions;
    private final PubSub pubSub;
    private final EventCodec codec;
    private final MessageIds ids;
    private final int inboxSize;
    private final String retentionMicros;
    private final String keyTtlMillis;
    private final AtomicLong expired = new AtomicLong();

    RedisUsers(Functions functions, PubSub pubSub, EventCodec codec, MessageIds ids, int inboxSize,
               Duration retention, Duration keyTtl) {
        this.functions = functions;
        this.pubSub = pubSub;
        this.codec = codec;
        this.ids = ids;
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
        return pubSub.subscribe(UserKeys.of(user).channel(), codec::directMessage, listener);
    }

    @Override
    public void online(String user) {
        functions.list("parley_user_online", UserKeys.of(user).all(), "1", keyTtlMillis);
    }

    @Override
    public void offline(String user) {
        functions.list("parley_user_online", UserKeys.of(user).all(), "-1", keyTtlMillis);
    }

    @Override
    public Sent send(String from, String to, String text, JsonObject data) {
        UserKeys keys = UserKeys.of(to);
        List<Object> r = functions.list("parley_user_send", keys.all(), keys.channel(), Integer.toString(inboxSize),
                from, to, text == null ? "" : text, text == null ? "0" : "1", EventCodec.dataText(data), keyTtlMillis);
        if ("full".equals(r.get(0))) {
            throw new InboxFullException(to);
        }
        return new Sent(codec.directMessage((String) r.get(1)), number(r.get(2)) == 1);
    }

    @Override
    public void delivered(String user, long seq) {
        functions.list("parley_user_delivered", UserKeys.of(user).all(), Long.toString(seq));
    }

    @Override
    public Replay<DirectMessage> pending(String user) {
        return pending(catchUp(user, -1), null);
    }

    @Override
    public Replay<DirectMessage> catchUp(String user, String sinceId) {
        List<Object> r = catchUp(user, ids.seqOf(sinceId));
        return number(r.get(3)) == 1 ? new Replay<>(messages(r), true, number(r.get(1))) : pending(r, false);
    }

    /**
     * Drops the user's expired messages now, as reading them would, and its keys when nothing is left and
     * it is offline; whether any message is left.
     */
    boolean sweep(String user) {
        List<Object> r = functions.list("parley_user_sweep", UserKeys.of(user).all(), retentionMicros);
        logExpired(user, strings(r.get(0)));
        return number(r.get(1)) > 0;
    }

    /** Covered up to the newest pending message only, as the memory broker: later ones are live. */
    private Replay<DirectMessage> pending(List<Object> r, Boolean recovered) {
        List<DirectMessage> pending = messages(r);
        return new Replay<>(pending, recovered, pending.isEmpty() ? 0 : pending.get(pending.size() - 1).seq());
    }

    private List<Object> catchUp(String user, long since) {
        List<Object> r = functions.list("parley_user_catch_up", UserKeys.of(user).all(), retentionMicros,
                Long.toString(since));
        logExpired(user, strings(r.get(0)));
        return r;
    }

    private void logExpired(String user, List<String> seqs) {
        for (String id : seqs) {
            expired.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "direct message {0} to {1} expired undelivered",
                    ids.format(Long.parseLong(id)), user);
        }
    }

    private List<DirectMessage> messages(List<Object> r) {
        List<DirectMessage> out = new ArrayList<>();
        for (String json : strings(r.get(4))) {
            out.add(codec.directMessage(json));
        }
        return out;
    }
}
