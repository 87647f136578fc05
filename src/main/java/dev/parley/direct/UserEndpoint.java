package dev.parley.direct;

import dev.parley.connection.Connection;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.InboundDecoder;
import dev.parley.socket.Sockets;
import dev.parley.wire.Inbound;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/** {@code /ws/user/{user}}: adapts one WebSocket to {@link Users}. */
@ServerEndpoint(value = "/ws/user/{user}", decoders = InboundDecoder.class, configurator = EndpointFactory.class)
public final class UserEndpoint {
    private final Users users;
    private final Sockets sockets;
    private UserConnection connection;

    public UserEndpoint(Users users, Sockets sockets) {
        this.users = users;
        this.sockets = sockets;
    }

    @OnOpen
    public void open(Session session, @PathParam("user") String user) {
        Connection opened = sockets.open(session, "user");
        if (opened != null) {
            connection = users.connect(user, Sockets.parameter(session, "since"), opened);
        }
    }

    @OnMessage
    public void message(Inbound frame) {
        if (connection != null) {
            connection.receive(frame);
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
            connection.leave();
        }
        sockets.closed(session, reason);
    }
}
