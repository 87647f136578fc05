package dev.parley.monitor;

import dev.parley.connection.EndpointKind;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/monitor}: a {@code stats} frame every second. What a watcher sends is counted and ignored. */
@ServerEndpoint(value = "/ws/monitor", configurator = EndpointFactory.class)
public final class MonitorEndpoint extends SocketEndpoint {
    private final MonitorFeed feed;

    public MonitorEndpoint(MonitorFeed feed, Sockets sockets) {
        super(sockets);
        this.feed = feed;
    }

    @OnOpen
    public void open(Session session) {
        sockets.open(session, EndpointKind.MONITOR, feed::watch);
    }

    @Override
    public void message(String text, Session session) {
        sockets.raw(session, text, "monitor", (c, t) -> { });
    }
}
