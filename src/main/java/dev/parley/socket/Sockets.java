package dev.parley.socket;

import dev.parley.access.AccessDenied;
import dev.parley.access.Authenticator;
import dev.parley.access.Identity;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.Hub;
import dev.parley.connection.InboundGate;
import dev.parley.connection.Place;
import dev.parley.connection.Refused;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.FrameCodec;
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
import java.util.concurrent.TimeUnit;
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
    private static final String AWAITING = AwaitingToken.class.getName();

    /** What the endpoints have in common, fixed at start. */
    public record Setup(Container container, int maxFrameChars, Duration closeTimeout, long confirmEveryBytes,
                        Duration authTimeout) {
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
     * session with its close value. The token is the handshake's ({@link #handshakeToken}); without one,
     * where one is needed, the session waits for an {@code auth} frame and becomes a connection after it.
     */
    public void open(Session session, EndpointKind kind, Consumer<Connection> join) {
        setup.container().sizeMessages(session, setup.maxFrameChars());
        SessionTransport transport = setup.container().transport(session, setup.maxFrameChars(), timers,
                setup.confirmEveryBytes(), setup.closeTimeout());
        session.getUserProperties().put(TRANSPORT, transport);
        try {
            String token = handshakeToken(session);
            Identity identity;
            try {
                identity = authenticator.identify(token, session.getUserPrincipal()).orElse(null);
            } catch (AccessDenied e) {
                if (token == null) {
                    awaitToken(session, transport, kind, join);
                } else {
                    unauthorized(session, transport, e);
                }
                return;
            }
            admit(session, transport, kind, join, identity, null);
        } finally {
            transport.opened();
        }
    }

    /** No token came with the handshake: the first frame may bring it, within the auth timeout. */
    private void awaitToken(Session session, SessionTransport transport, EndpointKind kind,
                            Consumer<Connection> join) {
        Place place;
        try {
            place = hub.hold(address(session));
        } catch (Refused refused) {
            refuse(session, transport, null, refused.close());
            return;
        }
        AwaitingToken awaiting = new AwaitingToken(kind, join, place);
        session.getUserProperties().put(AWAITING, awaiting);
        awaiting.timeout(timers.schedule(() -> {
            if (awaiting.settle()) {
                hub.free(place);
                refuse(session, transport, null, Close.AUTH_TIMED_OUT);
            }
        }, setup.authTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The first frame of a session awaiting its token: an {@code auth} frame, or the session is closed. */
    private void authenticate(Session session, AwaitingToken awaiting, String text) {
        if (!awaiting.settle()) {
            return;
        }
        SessionTransport transport = (SessionTransport) session.getUserProperties().get(TRANSPORT);
        if (text.length() > setup.maxFrameChars()) {
            hub.free(awaiting.place());
            refuse(session, transport, null, Close.tooBig(setup.maxFrameChars()));
            return;
        }
        if (!(FrameCodec.decode(text) instanceof Inbound.Auth auth)) {
            hub.free(awaiting.place());
            refuse(session, transport, null, Close.AUTHENTICATE_FIRST);
            return;
        }
        Identity identity;
        try {
            identity = authenticator.identify(auth.token(), session.getUserPrincipal()).orElse(null);
        } catch (AccessDenied e) {
            hub.free(awaiting.place());
            unauthorized(session, transport, e);
            return;
        }
        admit(session, transport, awaiting.kind(), awaiting.join(), identity, awaiting.place());
    }

    /** Makes the proven session a connection and joins it; a refusal on the way closes it with its value. */
    private void admit(Session session, SessionTransport transport, EndpointKind kind, Consumer<Connection> join,
                       Identity identity, Place held) {
        Connection connection = null;
        try {
            connection = held == null ? hub.openProven(transport, kind, address(session), identity)
                    : hub.openHeld(held, transport, kind, identity);
            if (identity != null) {
                connection.prove(identity, timers);
            }
            session.getUserProperties().put(CONNECTION, connection);
            LOG.log(System.Logger.Level.DEBUG, "opened {0} on {1} at {2}", connection.id(), kind.label(),
                    session.getRequestURI().getRawPath());
            join.accept(connection);
        } catch (Refused refused) {
            refuse(session, transport, connection, refused.close());
        }
    }

    private void unauthorized(Session session, SessionTransport transport, AccessDenied denied) {
        LOG.log(System.Logger.Level.DEBUG, "token refused from {0}: {1}", address(session), denied.getMessage());
        refuse(session, transport, null, Close.UNAUTHORIZED);
    }

    private void refuse(Session session, SessionTransport transport, Connection connection, Close close) {
        // the path only: a query string may carry a token
        LOG.log(System.Logger.Level.INFO, "refused a connection to {0} from {1}: {2}",
                session.getRequestURI().getRawPath(), address(session), close.reason());
        if (connection == null) {
            hub.refused(close);
            transport.close(close);
        } else {
            connection.close(close, false);
        }
    }

    private static String address(Session session) {
        return (String) session.getUserProperties().get(EndpointFactory.REMOTE_ADDRESS);
    }

    /**
     * The token offered with the handshake, or null: first the one offered as the subprotocol
     * {@code token.<jwt>}, which no access log records, then the legacy {@code token} query parameter.
     */
    static String handshakeToken(Session session) {
        return session.getUserProperties().get(EndpointFactory.OFFERED_TOKEN) instanceof String offered
                ? offered : parameter(session, "token");
    }

    /**
     * One part of a text message as the container hands it over: {@code whole} gets the whole message once
     * its last part has come (most come in one part), or one cut just past {@code parley.frame.max} as soon
     * as it grows past it.
     */
    public void text(Session session, String part, boolean last, Consumer<String> whole) {
        if (session.getUserProperties().get(TRANSPORT) instanceof SessionTransport t) {
            t.textParts().add(part, last, whole);
        } else if (last) {
            whole.accept(part);
        }
    }

    /** A text frame for the room and user rules; a fresh token is taken here. */
    public void frame(Session session, String text, BiConsumer<Connection, Inbound.Message> rules) {
        Connection c = connection(session);
        if (c != null) {
            gate.frame(c, text, rules, this::refresh);
        } else if (awaiting(session) instanceof AwaitingToken awaiting) {
            authenticate(session, awaiting, text);
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
        } else if (awaiting(session) instanceof AwaitingToken awaiting) {
            authenticate(session, awaiting, text);
        }
    }

    public void binary(Session session) {
        Connection c = connection(session);
        if (c != null) {
            gate.binary(c);
        } else if (awaiting(session) instanceof AwaitingToken awaiting && awaiting.settle()) {
            hub.free(awaiting.place());
            refuse(session, (SessionTransport) session.getUserProperties().get(TRANSPORT), null,
                    Close.AUTHENTICATE_FIRST);
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
        if (session.getUserProperties().get(TRANSPORT) instanceof SessionTransport t) {
            t.containerClosed();
        }
        Connection c = connection(session);
        if (c != null) {
            c.socketClosed(reason.getCloseCode().getCode());
        } else if (awaiting(session) instanceof AwaitingToken awaiting && awaiting.settle()) {
            hub.free(awaiting.place());
        }
    }

    /** An I/O error on the session; the container closes it next, so it is only logged. */
    public void failed(Session session, Throwable error) {
        Connection c = connection(session);
        LOG.log(System.Logger.Level.DEBUG, "connection {0} failed: {1}", c == null ? session.getId() : c.id(),
                error.toString());
    }

    private static Object awaiting(Session session) {
        return session.getUserProperties().get(AWAITING);
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
