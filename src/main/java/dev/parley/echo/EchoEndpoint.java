package dev.parley.echo;

import dev.parley.connection.Connection;
import dev.parley.outbox.Encoded;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/echo}: sends each text frame back unchanged, for diagnostics. */
@ServerEndpoint(value = "/ws/echo", configurator = EndpointFactory.class)
public final class EchoEndpoint extends SocketEndpoint {
    private volatile Connection connection;

    public EchoEndpoint(Sockets sockets) {
        super(sockets);
    }

    @OnOpen
    public void open(Session session) {
        connection = connect(session, "echo");
        if (connection != null) {
            connection.open();
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        if (connection != null && sockets.fits(session, text) && connection.admit("echo", null)) {
            connection.send(Encoded.raw(text, "echo"));
        }
    }
}
