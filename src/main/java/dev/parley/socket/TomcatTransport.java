package dev.parley.socket;

import dev.parley.connection.Close;
import java.util.Map;

/**
 * Tomcat's session: a write completes once the socket took it, and pings and close frames are blocking
 * writes bounded by timeouts read from the session's properties. The outbox pings and closes only when no
 * write is in flight, so the socket has room and these writes return at once; Tomcat's bound is set short
 * anyway. An abort uses a bound of zero: Tomcat then gives up on the close frame at once and closes the
 * socket, instead of waiting behind data a stalled client will never read.
 */
final class TomcatTransport extends SessionTransport {
    /** Bounds Tomcat's blocking writes: pings, and close frames with code 1000 ... */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    /** ... and close frames with any other code. */
    private static final String CLOSE_SEND_TIMEOUT = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";
    private static final long CONTROL_WRITE_MILLIS = 250;

    TomcatTransport(jakarta.websocket.Session session, int maxFrameChars) {
        super(session, maxFrameChars);
        Map<String, Object> properties = session.getUserProperties();
        properties.put(BLOCKING_SEND_TIMEOUT, CONTROL_WRITE_MILLIS);
        properties.put(CLOSE_SEND_TIMEOUT, CONTROL_WRITE_MILLIS);
    }

    @Override
    public void close(Close close) {
        closeSession(close);
    }

    @Override
    public void abort(Close close) {
        session.getUserProperties().put(CLOSE_SEND_TIMEOUT, 0L);
        session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, 0L);
        closeSession(close);
    }
}
