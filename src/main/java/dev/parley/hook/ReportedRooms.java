package dev.parley.hook;

import dev.parley.broker.Origin;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Subscription;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The rooms of the broker, with what this node has them accept reported as events: every message
 * published here (from members and the server API), a name's first connection (join) and last (leave).
 * A room's calls and their events are made under one of a few locks, so that its events are queued in the
 * order the broker took them: otherwise a message could be delivered, answered, and the answer's event
 * queued before the first one's.
 */
final class ReportedRooms implements RoomBus {
    private static final int STRIPES = 64;
    private final RoomBus bus;
    private final HookEvents events;
    private final Object[] locks = new Object[STRIPES];

    ReportedRooms(RoomBus bus, HookEvents events) {
        this.bus = bus;
        this.events = events;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    private Object lock(String room) {
        return locks[Math.floorMod(room.hashCode(), STRIPES)];
    }

    @Override
    public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
        return bus.subscribe(room, listener);
    }

    /** The broker's word that it lost events of the room reaches the room's members through here too. */
    @Override
    public Subscription subscribe(String room, Consumer<RoomEvent> listener, Runnable lost) {
        return bus.subscribe(room, listener, lost);
    }

    @Override
    public RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin) {
        synchronized (lock(room)) {
            RoomMessage message = bus.publish(room, from, text, data, origin);
            events.add(HookEvent.message(message));
            return message;
        }
    }

    @Override
    public Entered enter(String room, String name) {
        synchronized (lock(room)) {
            Entered entered = bus.enter(room, name);
            if (entered.first()) {
                events.add(HookEvent.join(room, entered.name(), Instant.now()));
            }
            return entered;
        }
    }

    @Override
    public Left leave(String room, String name) {
        synchronized (lock(room)) {
            Left left = bus.leave(room, name);
            if (left.last()) {
                events.add(HookEvent.leave(room, name, Instant.now()));
            }
            return left;
        }
    }

    @Override
    public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
        return bus.snapshot(room, sinceId, rosterLimit);
    }

    @Override
    public RoomPage active(String after, int limit) {
        return bus.active(after, limit);
    }
}
