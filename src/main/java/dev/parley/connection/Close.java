package dev.parley.connection;

/**
 * Why a connection ends: the WebSocket close code the client gets and the reason sent with it. Every close
 * Parley makes is one of these constants, so each code and reason is written once.
 */
public record Close(int code, String reason) {
    public static final Close GOING_AWAY = new Close(1001, "server shutting down");
    /**
     * The broker lost events of the connection's room or user stream that it could not fill in: the
     * client reconnects with {@code since} and learns from {@code recovered} whether it missed any.
     */
    public static final Close STREAM_INTERRUPTED = new Close(1001, "stream interrupted; resume with since");
    public static final Close BINARY = new Close(1003, "binary frames are not accepted");
    /** Never on the wire: the socket was lost, or a write to it failed. */
    public static final Close LOST = new Close(1006, "connection lost");
    public static final Close TRY_AGAIN_LATER = new Close(1013, "too many connections; try again later");
    /** The broker could not take the connection's join: nothing of it is kept. */
    public static final Close BROKER_UNAVAILABLE = new Close(1013, "the broker is unavailable; try again later");
    public static final Close INVALID_NAME = new Close(4400, "invalid room or display name");
    public static final Close INVALID_USER = new Close(4400, "invalid user name");
    public static final Close NO_DISPLAY_NAME = new Close(4400, "the token gives no valid display name");
    public static final Close UNAUTHORIZED = new Close(4401, "authentication required or token invalid");
    public static final Close OTHER_USER = new Close(4401, "this token is for another user");
    /** A connection waiting for its {@code auth} frame sent something else first. */
    public static final Close AUTHENTICATE_FIRST = new Close(4401, "authenticate first");
    /** A connection waiting for its {@code auth} frame got none within {@code parley.auth.timeout}. */
    public static final Close AUTH_TIMED_OUT = new Close(4401, "authentication timed out");
    public static final Close TOKEN_EXPIRED = new Close(4401, "token expired");
    public static final Close TOKEN_REFUSED = new Close(4401, "token refused");
    public static final Close NOT_ALLOWED = new Close(4403, "not allowed in this room");
    public static final Close SLOW_CONSUMER = new Close(4408, "outbound queue overflowed");
    public static final Close NOT_READING = new Close(4408, "not reading");
    public static final Close PINGS_UNANSWERED = new Close(4408, "pings unanswered");
    public static final Close RATE_LIMITED = new Close(4429, "kept sending after rate_limited errors");

    /** A close a backend asked for through the server API, with its own code and reason. */
    public static Close requested(int code, String reason) {
        return new Close(code, reason);
    }

    /** A frame over the node's maximum. */
    public static Close tooBig(int maxChars) {
        return new Close(1009, "frame larger than " + maxChars);
    }

    /** Whether this close means the client stopped reading, so what waits for it is dropped, not written. */
    public boolean slowConsumer() {
        return code == 4408;
    }
}
