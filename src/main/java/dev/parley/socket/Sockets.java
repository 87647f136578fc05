package dev.parley.socket;

import dev.parley.access.AccessDenied;
import dev.parley.access.Authenticator;
import dev.parley.access.Identity;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.Hub;
import dev.parley.connection.InboundGate;
import dev.parley.connection.Refused;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.Inbound;
import dev.parley.wire.TokenFrame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Turns JSR-356 sessions into {@link Connection}s and hands what the container reports to them: the one
 * place that knows both. A refusal while a session opens (authentication, limits, names) is handled
 * here, whoever made it.
 */
public final class Sockets {
    private static final System.Logger LOG = System.getLogger(Sockets.class.getName());
    private static final String CONNECTION = Connection.class.getName();
    private static final String TRANSPORT = SessionTransport.class.getName();

    /** What the endpoints have in common, fixed at start. */
    public record Setup(Container container, int maxFrameChars, Duration closeTimeout, long confirmEveryBytes) {
    }

    private final Setup setup;
    private final Hub hub;
    private final Authenticator authenticator;
    private final InboundGate gate;
    private final ScheduledExecutorService timers;

    /** {@code timers} runs short tasks only: the ends of waits, never a write. */
    public Sockets(Setup setup, Hub hub, Authenticator authenticator, InboundGate gate,
                   ScheduledExecutorService timers) {
        this.setup = setup;
        this.hub = hub;
        this.authenticator = authenticator;
        this.gate = gate;
        this.timers = timers;
    }

    /**
     * Opens a new session as a connection of {@code kind} and hands it to {@code join}, which joins it and
     * opens it for writing. Authentication comes first, before any name is looked at; a refusal closes the
     * session with its close value.
     */
    public void open(Session session, EndpointKind kind, Consumer<Connection> join) {
        session.setMaxTextMessageBufferSize(setup.maxFrameChars());
        session.setMaxBinaryMessageBufferSize(setup.maxFrameChars());
        SessionTransport transport = setup.container().transport(session, timers, setup.confirmEveryBytes(),
                setup.closeTimeout());
        session.getUserProperties().put(TRANSPORT, transport);
        // the path only: a query string may carry a token
        String path = session.getRequestURI().getRawPath();
        Connection connection = null;
        try {
            Identity identity = identify(session);
            Object address = session.getUserProperties().get(EndpointFactory.REMOTE_ADDRESS);
            connection = hub.openProven(transport, kind, (String) address, identity);
            if (identity != null) {
                connection.prove(identity, timers);
            }
            session.getUserProperties().put(CONNECTION, connection);
            LOG.log(System.Logger.Level.DEBUG, "opened {0} on {1} at {2}", connection.id(), kind.label(), path);
            join.accept(connection);
        } catch (Refused refused) {
            LOG.log(System.Logger.Level.INFO, "refused a connection to {0} from {1}: {2}", path,
                    session.getUserProperties().get(EndpointFactory.REMOTE_ADDRESS), refused.getMessage());
            if (connection == null) {
                hub.refused(refused.close());
                transport.close(refused.close());
            } else {
                connection.close(refused.close(), false);
            }
        } finally {
            transport.opened();
        }
    }

    /** Who the client proved to be, or null when nobody is asked to prove anything. */
    private Identity identify(Session session) {
        try {
            return authenticator.identify(parameter(session, "token"), session.getUserPrincipal()).orElse(null);
        } catch (AccessDenied e) {
            LOG.log(System.Logger.Level.DEBUG, "token refused from {0}: {1}",
                    session.getUserProperties().get(EndpointFactory.REMOTE_ADDRESS), e.getMessage());
            throw new Refused(Close.UNAUTHORIZED);
        }
    }

    /** A text frame for the room and user rules; a fresh token is taken here. */
    public void frame(Session session, String text, BiConsumer<Connection, Inbound.Message> rules) {
        Connection c = connection(session);
        if (c != null) {
            gate.frame(c, text, rules, this::refresh);
        }
    }

    /**
     * A fresh token for an open connection: the same user's, it replaces the old one (its expiry, and its
     * rooms: a room it no longer allows ends the connection with 4403) and is answered with its expiry.
     * Any other token ends the connection with 4401.
     */
    private void refresh(Connection c, Inbound.Token frame) {
        if (c.proven() == null || !authenticator.usesTokens()) {
            c.send(ErrorFrame.of(ErrorCode.BAD_REQUEST, "this connection takes no token", frame.ref()));
            return;
        }
        Identity fresh;
        try {
            fresh = authenticator.verify(frame.token());
        } catch (AccessDenied e) {
            LOG.log(System.Logger.Level.DEBUG, "fresh token refused on {0}: {1}", c.id(), e.getMessage());
            c.close(Close.TOKEN_REFUSED, true);
            return;
        }
        if (!fresh.user().equals(c.identity())) {
            c.close(Close.OTHER_USER, true);
        } else if (c.kind() == EndpointKind.ROOM && c.group() != null && !fresh.rooms().mayJoin(c.group())) {
            c.close(Close.NOT_ALLOWED, true);
        } else {
            c.prove(fresh, timers);
            c.send(TokenFrame.accepted(fresh.expiresAt()));
        }
    }

    /** A text frame that is not decoded, counted as {@code kind}. */
    public void raw(Session session, String text, String kind, BiConsumer<Connection, String> rules) {
        Connection c = connection(session);
        if (c != null) {
            gate.raw(c, text, kind, rules);
        }
    }

    public void binary(Session session) {
        Connection c = connection(session);
        if (c != null) {
            gate.binary(c);
        }
    }

    /**
     * The client answered a ping. One that answers the transport's own ping (its random payload cannot be
     * guessed) confirms what the client read, whatever the rate; any other pong counts against the rate
     * limit like a frame, so a client cannot flood pongs or use them to look alive for free.
     */
    public void ponged(Session session, PongMessage pong) {
        Connection c = connection(session);
        if (c == null) {
            return;
        }
        ByteBuffer data = pong.getApplicationData().duplicate();
        byte[] payload = new byte[data.remaining()];
        data.get(payload);
        if (session.getUserProperties().get(TRANSPORT) instanceof SessionTransport t && t.ponged(payload)) {
            gate.answered(c);
        } else {
            gate.pong(c);
        }
    }

    public void closed(Session session, CloseReason reason) {
        Connection c = connection(session);
        if (c != null) {
            c.socketClosed(reason.getCloseCode().getCode());
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
     * The last segment of the handshake's path, percent-decoded once as UTF-8: a user id that is not a valid
     * path segment ({@code auth0|abc}) comes percent-encoded, and containers disagree on whether a path
     * parameter is decoded.
     */
    public static String lastPathSegment(Session session) {
        String path = session.getRequestURI().getRawPath();
        return decode(path.substring(path.lastIndexOf('/') + 1).replace("+", "%2B"));
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
