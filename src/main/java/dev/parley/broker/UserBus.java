package dev.parley.broker;

import jakarta.json.JsonObject;
import java.util.function.Consumer;

/** Direct messages: one ordered stream per user, the undelivered inbox, and what is retained for resume. */
public interface UserBus {

    /** Receives the user's direct messages sent after this call while the user is online, in order. */
    Subscription subscribe(String user, Consumer<DirectMessage> listener);

    /**
     * As {@link #subscribe(String, Consumer)}, and runs {@code lost} (on the listener's thread, between
     * two messages) when the broker finds that messages to the user never reached this node and cannot
     * be filled in, or that the user's stream lost messages it had already streamed. A broker that
     * cannot lose messages never runs it.
     */
    default Subscription subscribe(String user, Consumer<DirectMessage> listener, Runnable lost) {
        return subscribe(user, listener);
    }

    /** One more connection of the user is open: messages sent from now on are streamed to it. */
    void online(String user);

    /** One connection of the user closed. */
    void offline(String user);

    /**
     * Accepts a direct message: streamed to the receiver's connections when it is online, else kept in its
     * inbox. Either way it stays pending until {@link #delivered} says it was written to one of them.
     * {@code text} or {@code data} may be null, not both.
     *
     * @throws InboxFullException when the receiver's inbox is at its limit (offline), or every message it
     *                            retains is still pending
     */
    Sent send(String from, String to, String text, JsonObject data);

    /** Accepts a direct message of text only, as {@link #send(String, String, String, JsonObject)}. */
    default Sent send(String from, String to, String text) {
        return send(from, to, text, null);
    }

    /** A message was written to a connection of its receiver: it is no longer pending. Idempotent. */
    void delivered(String user, long seq);

    /** The user's pending messages, oldest first. */
    Replay<DirectMessage> pending(String user);

    /**
     * Every retained message after {@code sinceId}; when the id is unknown or messages after it are gone,
     * {@code recovered} is false and the answer is {@link #pending}'s.
     */
    Replay<DirectMessage> catchUp(String user, String sinceId);

    /** The outcome of {@link #send}: {@code delivered} when a connection of the receiver was online to get it. */
    record Sent(DirectMessage message, boolean delivered) {
    }
}
