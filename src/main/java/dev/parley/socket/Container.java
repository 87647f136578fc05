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

    SessionTransport transport(Session session, int maxFrameChars, ScheduledExecutorService timers,
                               long confirmEveryBytes, Duration closeTimeout) {
        return this == TOMCAT ? new TomcatTransport(session, maxFrameChars)
                : new BufferingTransport(session, maxFrameChars, timers, confirmEveryBytes, closeTimeout);
    }

    /**
     * Sizes what the container buffers of one incoming message. Tomcat allocates its message buffers for
     * every session when it opens and grows them to the session's maximum at the first message, for good:
     * with {@code parley.frame.max} that would be 128 KB of characters kept by every connection that ever
     * sent a frame. So on Tomcat the session keeps the small buffers set in web.xml
     * ({@code org.apache.tomcat.websocket.textBufferSize}) and Parley takes messages in parts, putting a
     * long one back together itself ({@link TextParts}). Tyrus buffers a frame whole in its own input
     * buffer (sized in web.xml too) and is told the maximum.
     */
    void sizeMessages(Session session, int maxFrameChars) {
        if (this != TOMCAT) {
            session.setMaxTextMessageBufferSize(maxFrameChars);
            session.setMaxBinaryMessageBufferSize(maxFrameChars);
        }
    }
}
