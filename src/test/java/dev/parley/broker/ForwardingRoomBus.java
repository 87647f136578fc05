package dev.parley.broker;

import jakarta.json.JsonObject;
import java.util.function.Consumer;

/** A room bus that hands every call to another; a test's bus changes the calls it is about. */
public abstract class ForwardingRoomBus implements RoomBus {
    private final RoomBus delegate;

    protected ForwardingRoomBus(RoomBus delegate) {
        this.delegate = delegate;
    }

    @Override
    public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
        return delegate.subscribe(room, listener);
    }

    @Override
    public RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin) {
        return delegate.publish(room, from, text, data, origin);
    }

    @Override
    public Entered enter(String room, String name) {
        return delegate.enter(room, name);
    }

    @Override
    public Left leave(String room, String name) {
        return delegate.leave(room, name);
    }

    @Override
    public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
        return delegate.snapshot(room, sinceId, rosterLimit);
    }

    @Override
    public RoomPage active(String after, int limit) {
        return delegate.active(after, limit);
    }
}
