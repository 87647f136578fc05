package dev.parley.socket;

/**
 * The client's address, known to the servlet filter a handshake passes through but not offered by JSR-356
 * to the endpoint configurator: the filter sets it for the handshake's thread, the configurator reads it
 * there.
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
