package dev.parley.echo;

import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.connection.EndpointKind;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/echo}: sends each text frame back unchanged, for diagnostics. */
@ServerEndpoint(value = "/ws/echo", configurator = EndpointFactory.class)
public final class EchoEndpoint extends SocketEndpoint {

    public EchoEndpoint(Sockets sockets) {
        super(sockets);
    }

    @OnOpen
    public void open(Session session) {
        sockets.open(session, EndpointKind.ECHO, Connection::open);
    }

    @Override
    public void message(String text, Session session) {
        sockets.raw(session, text, "echo", (c, t) -> c.send(Encoded.raw(t, "echo")));
    }
}
