package dev.parley.broker.memory;

import dev.parley.broker.ActiveRoom;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.MessageIds;
import dev.parley.broker.Origin;
import dev.parley.broker.PresenceEvent;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Roster;
import dev.parley.broker.Subscription;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Rooms held in this JVM's memory. A room keeps its last messages until it has been idle (no message,
 * join or leave) for the history TTL with nobody in it, then vanishes. At most {@code maxRooms} rooms
 * are held: a new one first makes the idle rooms without members that were active least recently give
 * up their history; when every room has members, a message to a new room is refused ("try again").
 * Joining a room is never refused: rooms with members are bounded by the connections.
 */
final class MemoryRooms implements RoomBus {
    private final int historySize;
    private final Duration historyTtl;
    private final int maxRooms;
    private final Clock clock;
    private final Locked<Room> rooms;

    MemoryRooms(int historySize, Duration historyTtl, int maxRooms, Clock clock, Executor carryOn) {
        this.rooms = new Locked<>(() -> new Room(clock.millis(), carryOn));
        this.historySize = historySize;
        this.historyTtl = historyTtl;
        this.maxRooms = maxRooms;
        this.clock = clock;
    }

    private static final class Room extends Locked.State {
        final Topic<RoomEvent> topic;
        /** A room made anew (after it was dropped as unused) has a new epoch: old ids read as unknown. */
        final MessageIds ids = new MessageIds(MessageIds.freshEpoch());
        final ArrayDeque<RoomMessage> history = new ArrayDeque<>();
        final Map<String, Integer> presence = new LinkedHashMap<>();
        long seq;
        long dropped;
        int guests;
        long lastEvent;

        Room(long now, Executor carryOn) {
            this.lastEvent = now;
            this.topic = new Topic<>(carryOn);
        }

        @Override
        boolean unused() {
            return history.isEmpty() && presence.isEmpty() && topic.isEmpty();
        }

        /** Nobody here and no node listening: its history may go. */
        boolean vacant() {
            return presence.isEmpty() && topic.isEmpty();
        }

        String freeGuestName() {
            String name;
            do {
                name = "guest-" + (++guests);
            } while (presence.containsKey(name));
            return name;
        }
    }

    int size() {
        return rooms.size();
    }

    /** Lets every vacant room idle for the history TTL go, history and all. */
    void sweep() {
        long cutoff = clock.millis() - historyTtl.toMillis();
        for (String room : rooms.keys()) {
            rooms.with(room, r -> {
                if (r.vacant() && r.lastEvent <= cutoff) {
                    r.history.clear();
                }
                return null;
            });
        }
    }

    /**
     * Before a room that is not held yet is made: at the cap, the vacant rooms active least recently give
     * up their history. With {@code refuse}, still at the cap afterwards is an unavailable broker.
     */
    private void admit(String room, boolean refuse) {
        boolean fits = rooms.admit(room, maxRooms, r -> r.vacant() ? r.lastEvent : null, r -> r.history.clear(),
                clock.millis());
        if (refuse && !fits) {
            throw new BrokerUnavailableException("this node holds " + maxRooms
                    + " rooms (parley.rooms.max) and every one has members; try again later");
        }
    }

    @Override
    public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
        rooms.with(room, r -> {
            r.topic.add(listener);
            return null;
        });
        return () -> rooms.with(room, r -> {
            r.topic.remove(listener);
            return null;
        });
    }

    @Override
    public RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin) {
        admit(room, true);
        Posted<RoomMessage> posted = rooms.with(room, r -> {
            long seq = ++r.seq;
            r.lastEvent = clock.millis();
            RoomMessage message = new RoomMessage(seq, r.ids.format(seq), room, from, text, data, now(), origin);
            r.history.addLast(message);
            if (r.history.size() > historySize) {
                r.dropped = r.history.removeFirst().seq();
            }
            return new Posted<>(message, r.topic.post(message));
        });
        Topic.run(posted.delivery());
        return posted.value();
    }

    @Override
    public Entered enter(String room, String name) {
        admit(room, false);
        Posted<Entered> posted = rooms.with(room, r -> {
            r.lastEvent = clock.millis();
            String who = name != null ? name : r.freeGuestName();
            boolean first = r.presence.merge(who, 1, Integer::sum) == 1;
            Runnable delivery = first ? r.topic.post(presence(r, room, who, true)) : null;
            return new Posted<>(new Entered(who, first, r.presence.size()), delivery);
        });
        Topic.run(posted.delivery());
        return posted.value();
    }

    @Override
    public Left leave(String room, String name) {
        Posted<Left> posted = rooms.with(room, r -> {
            r.lastEvent = clock.millis();
            int before = r.presence.size();
            Integer count = r.presence.get(name);
            if (count == null) {
                return new Posted<>(new Left(false, before), null);
            }
            if (count > 1) {
                r.presence.put(name, count - 1);
                return new Posted<>(new Left(false, before), null);
            }
            PresenceEvent leave = presence(r, room, name, false);
            r.presence.remove(name);
            return new Posted<>(new Left(true, before), r.topic.post(leave));
        });
        Topic.run(posted.delivery());
        return posted.value();
    }

    /** Ordered as Redis orders names (by their UTF-8 bytes), so both brokers page alike. */
    private static final Comparator<String> BY_BYTES = Comparator.comparing(
            (String name) -> name.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    @Override
    public RoomPage active(String after, int limit) {
        List<ActiveRoom> found = new ArrayList<>();
        for (String room : rooms.keys()) {
            if (after == null || BY_BYTES.compare(room, after) > 0) {
                int members = rooms.with(room, r -> r.presence.size());
                if (members > 0) {
                    found.add(new ActiveRoom(room, members));
                }
            }
        }
        found.sort(Comparator.comparing(ActiveRoom::name, BY_BYTES));
        if (found.size() <= limit) {
            return new RoomPage(List.copyOf(found), null);
        }
        List<ActiveRoom> page = List.copyOf(found.subList(0, limit));
        return new RoomPage(page, page.get(limit - 1).name());
    }

    private PresenceEvent presence(Room r, String room, String name, boolean joined) {
        return new PresenceEvent(++r.seq, room, name, joined, r.presence.size(), now());
    }

    @Override
    public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
        return rooms.with(room, r -> new RoomSnapshot(
                new Roster(r.presence.keySet().stream().limit(rosterLimit).toList(), r.presence.size()),
                history(r, sinceId)));
    }

    private Replay<RoomMessage> history(Room r, String sinceId) {
        if (sinceId == null) {
            return new Replay<>(List.copyOf(r.history), null, r.seq);
        }
        long since = r.ids.seqOf(sinceId);
        if (since < 0 || since > r.seq || since < r.dropped) {
            return new Replay<>(List.copyOf(r.history), false, r.seq);
        }
        List<RoomMessage> after = r.history.stream().filter(m -> m.seq() > since).toList();
        return new Replay<>(after, true, r.seq);
    }

    private Instant now() {
        return clock.instant();
    }
}
