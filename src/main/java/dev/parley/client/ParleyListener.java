package dev.parley.client;

/**
 * What a connection tells its owner. Every method does nothing unless overridden. The calls for one
 * connection come one at a time, in the order of the frames, on a thread of the connection's
 * {@link java.net.http.HttpClient}: do not block in them.
 */
public interface ParleyListener {

    /** Does nothing. */
    ParleyListener NONE = new ParleyListener() {
    };

    /** The first frame of each connection, the first one and every reconnect. */
    default void onWelcome(Welcome welcome) {
    }

    /**
     * Each message once, in order: a room welcome's history first, then live ones (the sender's own
     * included); on a user connection, the pending direct messages, then live ones. After a reconnect
     * the ones already passed on are left out (by id).
     */
    default void onMessage(Message message) {
    }

    /** A room member joined or left (not sent in rooms over the server's presence limit). */
    default void onPresence(Presence presence) {
    }

    /** An {@code error} no send is waiting for (those fail the send's future instead). */
    default void onError(ServerError error) {
    }

    /** The connection dropped and is reconnecting on its own (only with reconnect on). */
    default void onDropped(int code, String reason) {
    }

    /** The connection ended for good: closed by either side, refused, or dropped with reconnect off. */
    default void onClosed(int code, String reason) {
    }
}
