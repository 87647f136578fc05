package dev.parley.broker.memory;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.MessageIds;
import dev.parley.broker.Replay;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Users' direct messages held in this JVM's memory: each user's retained messages, at most the inbox
 * size, of which the undelivered ones form the inbox. A user with nothing retained and no connection
 * is not held at all. At most {@code maxUsers} users are held: a message to a new one first lets go of
 * the offline users whose messages were all delivered, least recently messaged first; when every user
 * still has a message to deliver, it is refused ("try again"). No undelivered message is ever let go.
 */
final class MemoryUsers implements UserBus {
    private static final System.Logger LOG = System.getLogger(MemoryUsers.class.getName());

    private final int inboxSize;
    private final Duration retention;
    private final int maxUsers;
    private final Clock clock;
    private final Locked<User> users;
    private final AtomicLong expired = new AtomicLong();

    MemoryUsers(int inboxSize, Duration retention, int maxUsers, Clock clock, Executor carryOn) {
        this.users = new Locked<>(() -> new User(carryOn));
        this.inboxSize = inboxSize;
        this.retention = retention;
        this.maxUsers = maxUsers;
        this.clock = clock;
    }

    private static final class Kept {
        final DirectMessage message;
        boolean delivered;

        Kept(DirectMessage message, boolean delivered) {
            this.message = message;
            this.delivered = delivered;
        }
    }

    private static final class User extends Locked.State {
        final Topic<DirectMessage> topic;
        /** A user made anew (after it was dropped as unused) has a new epoch: old ids read as unknown. */
        final MessageIds ids = new MessageIds(MessageIds.freshEpoch());
        final ArrayDeque<Kept> retained = new ArrayDeque<>();
        long seq;
        long dropped;
        int undelivered;
        int online;

        User(Executor carryOn) {
            this.topic = new Topic<>(carryOn);
        }

        @Override
        boolean unused() {
            return retained.isEmpty() && online == 0 && topic.isEmpty();
        }

        /** Offline, nobody listening, and every retained message delivered: it may be let go. */
        boolean settled() {
            return undelivered == 0 && online == 0 && topic.isEmpty();
        }

        void drop(Kept kept) {
            dropped = Math.max(dropped, kept.message.seq());
            if (!kept.delivered) {
                undelivered--;
            }
        }

        /** Room for one more: the oldest delivered message goes. Undelivered ones are never evicted. */
        boolean evictOldestDelivered() {
            for (Iterator<Kept> it = retained.iterator(); it.hasNext(); ) {
                Kept kept = it.next();
                if (kept.delivered) {
                    it.remove();
                    drop(kept);
                    return true;
                }
            }
            return false;
        }

        List<DirectMessage> select(java.util.function.Predicate<Kept> which) {
            List<DirectMessage> out = new ArrayList<>();
            for (Kept kept : retained) {
                if (which.test(kept)) {
                    out.add(kept.message);
                }
            }
            return out;
        }

        void delivered(long seq) {
            for (Iterator<Kept> it = retained.descendingIterator(); it.hasNext(); ) {
                Kept kept = it.next();
                if (kept.message.seq() == seq) {
                    if (!kept.delivered) {
                        kept.delivered = true;
                        undelivered--;
                    }
                    return;
                }
                if (kept.message.seq() < seq) {
                    return;
                }
            }
        }
    }

    /** Direct messages discarded undelivered because they outlived the retention. */
    long expired() {
        return expired.get();
    }

    int size() {
        return users.size();
    }

    long undelivered() {
        long sum = 0;
        for (String user : users.keys()) {
            sum += users.with(user, u -> u.undelivered);
        }
        return sum;
    }

    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
        users.with(user, u -> {
            u.topic.add(listener);
            return null;
        });
        return () -> users.with(user, u -> {
            u.topic.remove(listener);
            return null;
        });
    }

    @Override
    public void online(String user) {
        users.with(user, u -> u.online++);
    }

    @Override
    public void offline(String user) {
        users.with(user, u -> u.online = Math.max(0, u.online - 1));
    }

    /**
     * Before a user that is not held yet gets a message: at the cap, the settled users messaged least
     * recently are let go; still at the cap is an unavailable broker.
     */
    private void admit(String user) {
        boolean fits = users.admit(user, maxUsers,
                u -> u.settled() && !u.retained.isEmpty() ? u.retained.peekLast().message.ts() : null,
                u -> {
                    while (!u.retained.isEmpty()) {
                        u.drop(u.retained.removeFirst());
                    }
                }, clock.millis());
        if (!fits) {
            throw new BrokerUnavailableException("this node holds " + maxUsers
                    + " users (parley.users.max) and every one has a message to deliver; try again later");
        }
    }

    @Override
    public Sent send(String from, String to, String text, JsonObject data) {
        admit(to);
        Posted<Sent> posted = users.with(to, u -> {
            boolean online = u.online > 0;
            if (!online && u.undelivered >= inboxSize) {
                throw new InboxFullException(to);
            }
            if (u.retained.size() >= inboxSize && !u.evictOldestDelivered()) {
                throw new InboxFullException(to);
            }
            long seq = ++u.seq;
            DirectMessage message = new DirectMessage(seq, u.ids.format(seq), from, to, text, data, now());
            u.retained.addLast(new Kept(message, false));
            u.undelivered++;
            return new Posted<>(new Sent(message, online), online ? u.topic.post(message) : null);
        });
        Topic.run(posted.delivery());
        return posted.value();
    }

    @Override
    public void delivered(String user, long seq) {
        users.with(user, u -> {
            u.delivered(seq);
            return null;
        });
    }

    @Override
    public Replay<DirectMessage> pending(String user) {
        return users.with(user, u -> {
            expire(user, u);
            return pending(u, null);
        });
    }

    /**
     * Covered up to the newest pending message only: later messages went to the live stream, which the
     * connection must keep.
     */
    private static Replay<DirectMessage> pending(User u, Boolean recovered) {
        List<DirectMessage> pending = u.select(k -> !k.delivered);
        return new Replay<>(pending, recovered, pending.isEmpty() ? 0 : pending.get(pending.size() - 1).seq());
    }

    @Override
    public Replay<DirectMessage> catchUp(String user, String sinceId) {
        return users.with(user, u -> {
            expire(user, u);
            long since = u.ids.seqOf(sinceId);
            if (since < 0 || since > u.seq || since < u.dropped) {
                return pending(u, false);
            }
            return new Replay<>(u.select(k -> k.message.seq() > since), true, u.seq);
        });
    }

    /** Drops messages older than the retention from every user. */
    void sweep() {
        for (String user : users.keys()) {
            users.with(user, u -> {
                expire(user, u);
                return null;
            });
        }
    }

    /** Drops the user's messages older than the retention; each undelivered one is logged and counted. */
    private void expire(String user, User u) {
        Instant cutoff = clock.instant().minus(retention);
        while (!u.retained.isEmpty() && u.retained.peekFirst().message.ts().isBefore(cutoff)) {
            Kept kept = u.retained.removeFirst();
            if (!kept.delivered) {
                expired.incrementAndGet();
                LOG.log(System.Logger.Level.INFO, "direct message {0} to {1} expired undelivered",
                        kept.message.id(), user);
            }
            u.drop(kept);
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
