package dev.parley.broker.redis;

import dev.parley.broker.ActiveRoom;
import dev.parley.broker.MessageIds;
import dev.parley.broker.Origin;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Roster;
import dev.parley.broker.Subscription;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rooms in Redis. Each step is one function call (see {@code parley.lua}); events reach this node's
 * listeners only through Redis pub/sub, the publisher's own copy included. Every event keeps the room's
 * meta and history for the history TTL from then: a room idle that long expires and starts afresh.
 */
final class RedisRooms implements RoomBus {
    private final Functions functions;
    private final PubSub pubSub;
    /** The epoch of events written before rooms had epochs of their own, read from pub/sub. */
    static final String NO_EPOCH = "0";

    private final EventCodec codec;
    private final int historySize;
    private final RedisPresence presence;
    private final String ttlMillis;

    RedisRooms(Functions functions, PubSub pubSub, EventCodec codec, int historySize, RedisPresence presence,
               Duration historyTtl) {
        this.functions = functions;
        this.presence = presence;
        this.pubSub = pubSub;
        this.codec = codec;
        this.historySize = historySize;
        this.ttlMillis = Long.toString(Math.max(1, historyTtl.toMillis()));
    }

    @Override
    public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
        return subscribe(room, listener, () -> { });
    }

    @Override
    public Subscription subscribe(String room, Consumer<RoomEvent> listener, Runnable lost) {
        return pubSub.subscribe(RoomKeys.of(room).channel(), source(room), listener, lost);
    }

    /** The room's stream for gap repair: its history holds its messages (not its presence events). */
    private StreamSource<RoomEvent> source(String room) {
        RoomKeys keys = RoomKeys.of(room);
        return new StreamSource<>() {
            @Override
            public String meta() {
                return keys.meta();
            }

            @Override
            public Stamped<RoomEvent> decode(String payload) {
                return codec.roomEvent(room, payload, NO_EPOCH);
            }

            @Override
            public Fill<RoomEvent> since(long after, long before) {
                List<Object> r = functions.list("parley_room_since", new String[] {keys.meta(), keys.history()},
                        Long.toString(after), Long.toString(before));
                String epoch = (String) r.get(0);
                List<Stamped<RoomEvent>> events = new ArrayList<>();
                for (String json : strings(r.get(3))) {
                    events.add(codec.roomEvent(room, json, epoch));
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
    public RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin) {
        RoomKeys keys = RoomKeys.of(room);
        Stamped<?> delivered = pubSub.last(keys.channel());
        String json = functions.string("parley_room_publish", new String[] {keys.meta(), keys.history()},
                keys.channel(), Integer.toString(historySize), from, text == null ? "" : text, origin.connection(),
                origin.ref() == null ? "0" : "1", origin.ref() == null ? "" : origin.ref(),
                text == null ? "0" : "1", EventCodec.dataText(data), ttlMillis);
        Stamped<RoomEvent> published = codec.roomEvent(room, json, NO_EPOCH);
        if (delivered != null && delivered.epoch().equals(published.epoch()) && published.seq() <= delivered.seq()) {
            // a position this node delivered before the call was given again: Redis lost events
            pubSub.wentBack(keys.channel(), published.epoch());
        }
        return (RoomMessage) published.event();
    }

    /** Counted under this incarnation's lease (see {@link RedisPresence}). */
    @Override
    public Entered enter(String room, String name) {
        return presence.enter(room, name);
    }

    /**
     * Counted under this incarnation's lease. While Redis cannot answer, the connection is gone here all
     * the same, and Redis learns it when it is back; the caller gets {@code BrokerUnavailableException}.
     */
    @Override
    public Left leave(String room, String name) {
        return presence.leave(room, name);
    }

    @Override
    public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
        RoomKeys keys = RoomKeys.of(room);
        List<Object> r = functions.list("parley_room_snapshot",
                new String[] {keys.meta(), keys.presence(), keys.history()}, Integer.toString(rosterLimit));
        long seq = number(r.get(0));
        long dropped = number(r.get(1));
        String epoch = (String) r.get(5);
        Roster roster = new Roster(strings(r.get(3)), (int) number(r.get(2)));
        List<RoomMessage> history = new ArrayList<>();
        for (String json : strings(r.get(4))) {
            history.add(codec.roomMessage(room, json, epoch));
        }
        return new RoomSnapshot(roster, replay(history, sinceId, epoch, seq, dropped));
    }

    /**
     * The names from the sorted set of active rooms, then their counts in a second call that names their
     * keys; a room emptied in between is left out.
     */
    @Override
    public RoomPage active(String after, int limit) {
        List<String> names = strings(functions.list("parley_rooms_active", new String[] {RoomKeys.ACTIVE},
                after == null ? "" : after, Integer.toString(limit + 1)));
        boolean more = names.size() > limit;
        List<String> page = more ? names.subList(0, limit) : names;
        if (page.isEmpty()) {
            return new RoomPage(List.of(), null);
        }
        List<Object> counts = functions.list("parley_rooms_count",
                page.stream().map(room -> RoomKeys.of(room).presence()).toArray(String[]::new));
        List<ActiveRoom> rooms = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            int members = (int) number(counts.get(i));
            if (members > 0) {
                rooms.add(new ActiveRoom(page.get(i), members));
            }
        }
        return new RoomPage(rooms, more ? page.get(page.size() - 1) : null);
    }

    /** As the memory broker: everything after a known id, else the whole history, not recovered. */
    private static Replay<RoomMessage> replay(List<RoomMessage> history, String sinceId, String epoch, long seq,
                                              long dropped) {
        if (sinceId == null) {
            return new Replay<>(List.copyOf(history), null, seq);
        }
        long since = epoch.isEmpty() ? -1 : new MessageIds(epoch).seqOf(sinceId);
        if (since < 0 || since > seq || since < dropped) {
            return new Replay<>(List.copyOf(history), false, seq);
        }
        return new Replay<>(history.stream().filter(m -> m.seq() > since).toList(), true, seq);
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return (List<String>) value;
    }
}
