package dev.parley.socket;

import java.util.ArrayList;
import java.util.List;

/**
 * What a WebSocket handshake knows while it runs inside the servlet filter chain, on the filter's thread:
 * the client's address, which JSR-356 itself does not offer the endpoint configurator, and what must wait
 * until the handshake's response has gone out. Payara opens the endpoint inside the chain, before it
 * flushes the 101 response; Tomcat opens it after the chain has returned, so nothing waits there.
 */
public final class HandshakeContext {
    private static final ThreadLocal<HandshakeContext> CURRENT = new ThreadLocal<>();

    private final String address;
    private final List<Runnable> afterResponse = new ArrayList<>();

    private HandshakeContext(String address) {
        this.address = address;
    }

    /** Call before passing a handshake down the filter chain, and {@link #end} after, in a finally. */
    public static void begin(String address) {
        CURRENT.set(new HandshakeContext(address));
    }

    /** The handshake's response has gone out: runs what waited for it. */
    public static void end() {
        HandshakeContext context = CURRENT.get();
        CURRENT.remove();
        if (context != null) {
            context.afterResponse.forEach(Runnable::run);
        }
    }

    static String address() {
        HandshakeContext context = CURRENT.get();
        return context == null ? null : context.address;
    }

    /** Whether this thread is inside a handshake that has not responded yet. */
    static boolean inHandshake() {
        return CURRENT.get() != null;
    }

    /** Runs {@code action} once this thread's handshake has responded, or now outside one. */
    static void afterResponse(Runnable action) {
        HandshakeContext context = CURRENT.get();
        if (context == null) {
            action.run();
        } else {
            context.afterResponse.add(action);
        }
    }
}
