package dev.parley.direct;

import dev.parley.connection.Connection;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import dev.parley.wire.Inbound;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/user/{user}}: adapts one WebSocket to {@link Users}. */
@ServerEndpoint(value = "/ws/user/{user}", configurator = EndpointFactory.class)
public final class UserEndpoint extends SocketEndpoint {
    private final Users users;
    private volatile UserConnection connection;

    public UserEndpoint(Users users, Sockets sockets) {
        super(sockets);
        this.users = users;
    }

    @OnOpen
    public void open(Session session, @PathParam("user") String user) {
        Connection opened = connect(session, "user");
        if (opened != null) {
            connection = users.connect(user, Sockets.parameter(session, "since"), opened);
            if (connection != null) {
                undoOnEnd(connection::leave);
            }
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        Inbound frame = sockets.decode(session, text);
        if (connection != null && frame != null) {
            connection.receive(frame);
        }
    }
}
