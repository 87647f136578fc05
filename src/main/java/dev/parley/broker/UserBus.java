package dev.parley.broker;

import java.util.function.Consumer;

/** Direct messages: one ordered stream per user, the undelivered inbox, and what is retained for resume. */
public interface UserBus {

    /** Receives the user's direct messages sent after this call while the user is online, in order. */
    Subscription subscribe(String user, Consumer<DirectMessage> listener);

    /** One more connection of the user is open: messages sent from now on count as delivered. */
    void online(String user);

    /** One connection of the user closed. */
    void offline(String user);

    /**
     * Accepts a direct message: delivered when the receiver is online, else stored in its inbox.
     *
     * @throws InboxFullException when the receiver is offline and its inbox is at its limit
     */
    Sent send(String from, String to, String text);

    /** Takes the user's undelivered messages, oldest first, and marks them delivered. */
    Replay<DirectMessage> takePending(String user);

    /**
     * Every retained message after {@code sinceId}, marked delivered; when the id is unknown or messages
     * after it are gone, {@code recovered} is false and the answer is {@link #takePending}'s.
     */
    Replay<DirectMessage> catchUp(String user, String sinceId);

    /** The outcome of {@link #send}. */
    record Sent(DirectMessage message, boolean delivered) {
    }
}
