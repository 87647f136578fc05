package dev.parley.client;

/**
 * The connection ended (or was not open) before the server answered. {@link #closeCode()} is the WebSocket
 * close code, such as 4400 for an invalid name or 1006 for a connection that dropped without one.
 * A message sent just before may or may not have reached the server: a room's resumed history tells.
 */
public final class ConnectionEndedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** No close frame: the connection dropped, or could not be opened. */
    public static final int ABNORMAL = 1006;

    private final int closeCode;

    public ConnectionEndedException(int closeCode, String reason) {
        this(closeCode, reason, null);
    }

    public ConnectionEndedException(int closeCode, String reason, Throwable cause) {
        super("connection ended with " + closeCode + (reason == null || reason.isEmpty() ? "" : ": " + reason), cause);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
