package dev.parley.broker;

import jakarta.json.JsonObject;
import java.util.function.Consumer;

/** A user bus that hands every call to another; a test's bus changes the calls it is about. */
public abstract class ForwardingUserBus implements UserBus {
    private final UserBus delegate;

    protected ForwardingUserBus(UserBus delegate) {
        this.delegate = delegate;
    }

    @Override
    public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
        return delegate.subscribe(user, listener);
    }

    @Override
    public void online(String user) {
        delegate.online(user);
    }

    @Override
    public void offline(String user) {
        delegate.offline(user);
    }

    @Override
    public Sent send(String from, String to, String text, JsonObject data) {
        return delegate.send(from, to, text, data);
    }

    @Override
    public void delivered(String user, long seq) {
        delegate.delivered(user, seq);
    }

    @Override
    public Replay<DirectMessage> pending(String user) {
        return delegate.pending(user);
    }

    @Override
    public Replay<DirectMessage> catchUp(String user, String sinceId) {
        return delegate.catchUp(user, sinceId);
    }
}
