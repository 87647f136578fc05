package dev.parley.socket;

import dev.parley.access.AccessDenied;
import dev.parley.access.Authenticator;
import dev.parley.connection.Connection;
import dev.parley.connection.Connections;
import dev.parley.wire.CloseCodes;
import dev.parley.wire.FrameCodec;
import dev.parley.wire.Inbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
    private static final String TRANSPORT = SessionTransport.class.getName();

    private final Connections connections;
    private final Authenticator authenticator;
    private final Executor closer;
    private final int maxFrameBytes;
    private final long closeTimeoutMillis;

    /** {@code closer} runs writes that may block on a slow client: close frames and pings. */
    public Sockets(Connections connections, Authenticator authenticator, Executor closer, int maxFrameBytes,
                   Duration closeTimeout) {
        this.connections = connections;
        this.authenticator = authenticator;
        this.closer = closer;
        this.maxFrameBytes = maxFrameBytes;
        this.closeTimeoutMillis = closeTimeout.toMillis();
    }

    /**
     * Adapts a newly opened session of {@code endpoint} ({@code room}, {@code user}, ...). Answers null,
     * having closed the session, when the client is not authenticated (4401) or the node is full (1013):
     * authentication comes first, before any name is looked at.
     */
    public Connection open(Session session, String endpoint) {
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        TOMCAT_CLOSE_TIMEOUTS.forEach(key -> session.getUserProperties().put(key, closeTimeoutMillis));
        SessionTransport transport = new SessionTransport(session, closer, closeTimeoutMillis);
        session.getUserProperties().put(TRANSPORT, transport);
        // the path only: a query string may carry a token
        String path = session.getRequestURI().getRawPath();
        String identity;
        try {
            identity = authenticator.identify(parameter(session, "token"), session.getUserPrincipal());
        } catch (AccessDenied e) {
            LOG.log(System.Logger.Level.INFO, "refused a connection to {0}: {1}", path, e.getMessage());
            transport.closeOpening(CloseCodes.UNAUTHORIZED, "authentication required or token invalid");
            return null;
        }
        Object address = session.getUserProperties().get(EndpointFactory.REMOTE_ADDRESS);
        Connection connection = connections.open(transport, endpoint, (String) address, identity);
        if (connection != null) {
            session.getUserProperties().put(CONNECTION, connection);
            LOG.log(System.Logger.Level.INFO, "opened {0} on {1} at {2}", connection.id(), endpoint, path);
        }
        return connection;
    }

    public void closed(Session session, CloseReason reason) {
        connections.closed(connection(session), reason.getCloseCode().getCode());
    }

    /** The client answered a ping: a heartbeat's, the outbox's, or a closing connection's. */
    public void ponged(Session session, PongMessage pong) {
        ByteBuffer data = pong.getApplicationData().duplicate();
        byte[] payload = new byte[data.remaining()];
        data.get(payload);
        if (session.getUserProperties().get(TRANSPORT) instanceof SessionTransport t) {
            t.ponged(payload);
        }
        Connection c = connection(session);
        if (c != null) {
            c.ponged(payload);
        }
    }

    /** An I/O error on the session; the container closes it next, so it is only logged. */
    public void failed(Session session, Throwable error) {
        Connection c = connection(session);
        LOG.log(System.Logger.Level.DEBUG, "connection {0} failed: {1}", c == null ? session.getId() : c.id(),
                error.toString());
    }

    private static Connection connection(Session session) {
        return session.getUserProperties().get(CONNECTION) instanceof Connection c ? c : null;
    }

    /**
     * Whether a text frame is within the maximum; one over it closes the connection with 1009. Tomcat
     * enforces the session's buffer size itself, but Tyrus (Payara) applies it to fragmented messages
     * only and hands a whole frame of any size (up to its 4 MB input buffer) to the endpoint.
     */
    public boolean fits(Session session, String text) {
        if (text.length() <= maxFrameBytes) {
            return true;
        }
        Connection c = connection(session);
        if (c != null) {
            c.close(CloseCodes.TOO_BIG, "frame larger than " + maxFrameBytes);
        }
        return false;
    }

    /** The client frame in {@code text}, or null when it is over the maximum (see {@link #fits}). */
    public Inbound decode(Session session, String text) {
        return fits(session, text) ? FrameCodec.decode(text) : null;
    }

    /** Parley speaks text only. */
    public void refuseBinary(Session session) {
        Connection c = connection(session);
        if (c != null) {
            c.close(CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted");
        }
    }

    /** A query parameter of the handshake, or null. */
    public static String parameter(Session session, String name) {
        return queryParameter(session.getQueryString(), name);
    }

    /**
     * The first value of {@code name} in a raw query string, percent-decoded as UTF-8, or null. Parley
     * decodes the query itself: containers do not agree on the charset (Payara decodes it as ISO-8859-1
     * unless told otherwise, so {@code name=%E6%9D%8E} would not be {@code 李}).
     */
    static String queryParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
