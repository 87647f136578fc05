package dev.parley.direct;

import dev.parley.connection.EndpointKind;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/user/{user}}: adapts one WebSocket to {@link Users}. */
@ServerEndpoint(value = "/ws/user/{user}", configurator = EndpointFactory.class)
public final class UserEndpoint extends SocketEndpoint {
    private final Users users;

    public UserEndpoint(Users users, Sockets sockets) {
        super(sockets);
        this.users = users;
    }

    @OnOpen
    public void open(Session session) {
        String id = Sockets.lastPathSegment(session);
        sockets.open(session, EndpointKind.USER, c -> users.connect(c, id, Sockets.parameter(session, "since")));
    }

    @Override
    public void message(String text, Session session) {
        sockets.frame(session, text, users::receive);
    }
}
