package dev.parley.socket;

import dev.parley.connection.Connection;
import dev.parley.connection.Connections;
import dev.parley.wire.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** Turns JSR-356 sessions into {@link Connection}s, and answers what every endpoint answers alike. */
public final class Sockets {
    private static final System.Logger LOG = System.getLogger(Sockets.class.getName());
    /**
     * Tomcat's bounds on writing a close frame (1000, and every other code) behind data a slow client has
     * not read yet. Its own default for codes other than 1000 is 50 ms, after which the client is cut off
     * without ever learning why (4408).
     */
    private static final List<String> TOMCAT_CLOSE_TIMEOUTS = List.of(
            "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT",
            "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT");
    private static final String CONNECTION = Connection.class.getName();

    private final Connections connections;
    private final Executor closer;
    private final int maxFrameBytes;
    private final long closeTimeoutMillis;

    public Sockets(Connections connections, Executor closer, int maxFrameBytes, Duration closeTimeout) {
        this.connections = connections;
        this.closer = closer;
        this.maxFrameBytes = maxFrameBytes;
        this.closeTimeoutMillis = closeTimeout.toMillis();
    }

    /** Adapts a newly opened session of {@code endpoint} ({@code room}, {@code user}, ...). */
    public Connection open(Session session, String endpoint) {
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        TOMCAT_CLOSE_TIMEOUTS.forEach(key -> session.getUserProperties().put(key, closeTimeoutMillis));
        Connection connection = connections.open(new SessionTransport(session, closer), endpoint);
        session.getUserProperties().put(CONNECTION, connection);
        // the path only: a query string may carry a token
        LOG.log(System.Logger.Level.INFO, "opened {0} on {1} at {2}", connection.id(), endpoint,
                session.getRequestURI().getRawPath());
        return connection;
    }

    public void closed(Session session, CloseReason reason) {
        Object connection = session.getUserProperties().get(CONNECTION);
        if (connection instanceof Connection c) {
            connections.closed(c, reason.getCloseCode().getCode());
        }
    }

    /** Parley speaks text only. */
    public void refuseBinary(Session session) {
        Object connection = session.getUserProperties().get(CONNECTION);
        if (connection instanceof Connection c) {
            c.close(CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
        }
    }

    /** A query parameter of the handshake, or null. */
    public static String parameter(Session session, String name) {
        List<String> values = session.getRequestParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
