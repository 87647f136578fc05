package dev.parley.broker;

/**
 * The broker cannot take the request now; nothing was accepted. Also when a single-node broker holds as
 * many rooms or users as it may and none can be let go: that passes as members leave and messages are
 * delivered, so it is the same "try again".
 */
public final class BrokerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
