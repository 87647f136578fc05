package dev.parley.broker;

/** The receiver is offline and its inbox holds as many undelivered messages as it may: nothing was stored. */
public final class InboxFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InboxFullException(String user) {
        super("the inbox of " + user + " is full", null, false, false);
    }
}
