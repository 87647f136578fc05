package dev.parley.client;

/** The server refused a frame this client sent: {@link #code()} is the protocol's error code, such as {@code too_long}. */
public final class ErrorReplyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ServerError error;

    public ErrorReplyException(ServerError error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    public String code() {
        return error.code();
    }

    public ServerError error() {
        return error;
    }
}
