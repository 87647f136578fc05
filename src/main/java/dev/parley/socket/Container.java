package dev.parley.socket;

import jakarta.websocket.Session;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The kinds of WebSocket container Parley knows apart, decided once at start from the servlet
 * container's own name. They differ in one way that matters to an outbox: when a write counts as done.
 */
public enum Container {
    /** Tomcat: a write completes once the socket has taken it, and a close frame waits behind written data. */
    TOMCAT,
    /**
     * Any other, such as Tyrus on Payara: a write may complete as soon as the container has queued it (Grizzly
     * takes megabytes from a client that reads nothing), and a close drops what it still queues.
     */
    BUFFERING;

    public static Container of(String serverInfo) {
        return serverInfo != null && serverInfo.startsWith("Apache Tomcat") ? TOMCAT : BUFFERING;
    }

    SessionTransport transport(Session session, ScheduledExecutorService timers, long confirmEveryBytes,
                               Duration closeTimeout) {
        return this == TOMCAT ? new TomcatTransport(session)
                : new BufferingTransport(session, timers, confirmEveryBytes, closeTimeout);
    }
}
