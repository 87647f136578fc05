package dev.parley.connection;

/**
 * A connection cannot be opened or joined: the client gets {@link #close()}. Thrown by the limits and rules
 * while a connection opens, and handled in one place, where the session is opened.
 */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Close close;

    public Refused(Close close) {
        super(close.reason(), null, false, false);
        this.close = close;
    }

    public Close close() {
        return close;
    }
}
