package dev.parley.monitor;

import dev.parley.connection.Connection;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.Sockets;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** {@code /ws/monitor}: a {@code stats} frame every second. What a watcher sends is ignored. */
@ServerEndpoint(value = "/ws/monitor", configurator = EndpointFactory.class)
public final class MonitorEndpoint {
    private final MonitorFeed feed;
    private final Sockets sockets;
    private Connection connection;

    public MonitorEndpoint(MonitorFeed feed, Sockets sockets) {
        this.feed = feed;
        this.sockets = sockets;
    }

    @OnOpen
    public void open(Session session) {
        connection = sockets.open(session, "monitor");
        if (connection != null) {
            feed.watch(connection);
        }
    }

    @OnMessage
    public void message(String text) {
        if (connection != null) {
            connection.admit("monitor", null);
        }
    }

    @OnMessage
    public void binary(ByteBuffer data, Session session) {
        sockets.refuseBinary(session);
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        sockets.ponged(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        sockets.failed(session, error);
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        if (connection != null) {
            feed.unwatch(connection);
        }
        sockets.closed(session, reason);
    }
}
