package dev.parley.hook;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.Replay;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import jakarta.json.JsonObject;
import java.util.function.Consumer;

/** The users of the broker, with every direct message this node has it accept reported as an event. */
final class ReportedUsers implements UserBus {
    private final UserBus bus;
    private final HookEvents events;

    ReportedUsers(UserBus bus, HookEvents events) {
        this.bus = bus;
        this.events = events;
    }

    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
        return bus.subscribe(user, listener);
    }

    /** The broker's word that it lost messages of the user reaches the user's connections through here too. */
    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener, Runnable lost) {
        return bus.subscribe(user, listener, lost);
    }

    @Override
    public void online(String user) {
        bus.online(user);
    }

    @Override
    public void offline(String user) {
        bus.offline(user);
    }

    @Override
    public Sent send(String from, String to, String text, JsonObject data) {
        Sent sent = bus.send(from, to, text, data);
        events.add(HookEvent.direct(sent.message()));
        return sent;
    }

    @Override
    public void delivered(String user, long seq) {
        bus.delivered(user, seq);
    }

    @Override
    public Replay<DirectMessage> pending(String user) {
        return bus.pending(user);
    }

    @Override
    public Replay<DirectMessage> catchUp(String user, String sinceId) {
        return bus.catchUp(user, sinceId);
    }
}
