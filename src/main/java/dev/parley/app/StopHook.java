package dev.parley.app;

import jakarta.servlet.http.HttpServlet;

/**
 * A servlet with no mapping, loaded at start, whose only job is to be destroyed. Containers (Tomcat and
 * Payara alike) destroy servlets before they run the {@code contextDestroyed} listeners, and their WebSocket
 * container closes every session with its own 1001 in one of those listeners, so this is the first moment a
 * stopping application hears of it while its connections are still open: the node drains here.
 */
final class StopHook extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ParleyNode node;

    StopHook(ParleyNode node) {
        this.node = node;
    }

    @Override
    public void destroy() {
        node.drain();
    }
}
