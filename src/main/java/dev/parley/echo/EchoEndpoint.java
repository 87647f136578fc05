package dev.parley.echo;

import dev.parley.connection.Connection;
import dev.parley.outbox.Encoded;
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

/** {@code /ws/echo}: sends each text frame back unchanged, for diagnostics. */
@ServerEndpoint(value = "/ws/echo", configurator = EndpointFactory.class)
public final class EchoEndpoint {
    private final Sockets sockets;
    private Connection connection;

    public EchoEndpoint(Sockets sockets) {
        this.sockets = sockets;
    }

    @OnOpen
    public void open(Session session) {
        connection = sockets.open(session, "echo");
        if (connection != null) {
            connection.open();
        }
    }

    @OnMessage
    public void message(String text) {
        if (connection != null && connection.admit("echo", null)) {
            connection.send(Encoded.raw(text, "echo"));
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
        sockets.closed(session, reason);
    }
}
