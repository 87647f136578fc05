package dev.parley.monitor;

import dev.parley.connection.Connection;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/monitor}: a {@code stats} frame every second. What a watcher sends is counted and ignored. */
@ServerEndpoint(value = "/ws/monitor", configurator = EndpointFactory.class)
public final class MonitorEndpoint extends SocketEndpoint {
    private final MonitorFeed feed;
    private volatile Connection connection;

    public MonitorEndpoint(MonitorFeed feed, Sockets sockets) {
        super(sockets);
        this.feed = feed;
    }

    @OnOpen
    public void open(Session session) {
        connection = connect(session, "monitor");
        if (connection != null) {
            Connection watcher = connection;
            feed.watch(watcher);
            undoOnEnd(() -> feed.unwatch(watcher));
        }
    }

    @OnMessage
    public void message(String text) {
        if (connection != null) {
            connection.admit("monitor", null);
        }
    }
}
