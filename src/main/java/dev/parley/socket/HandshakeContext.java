package dev.parley.socket;

/**
 * Carries the client's address from the servlet filter to the endpoint configurator: the container runs
 * the WebSocket handshake inside the filter chain, on the filter's thread, and JSR-356 itself offers no
 * remote address.
 */
public final class HandshakeContext {
    private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

    private HandshakeContext() {
    }

    /** Call before passing a handshake down the filter chain, and {@link #end} after, in a finally. */
    public static void begin(String address) {
        ADDRESS.set(address);
    }

    public static void end() {
        ADDRESS.remove();
    }

    static String address() {
        return ADDRESS.get();
    }
}
