package dev.parley.room;

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

/** {@code /ws/room/{room}}: adapts one WebSocket to {@link Rooms}. */
@ServerEndpoint(value = "/ws/room/{room}", configurator = EndpointFactory.class)
public final class RoomEndpoint extends SocketEndpoint {
    private final Rooms rooms;
    private volatile RoomMember member;

    public RoomEndpoint(Rooms rooms, Sockets sockets) {
        super(sockets);
        this.rooms = rooms;
    }

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        Connection connection = connect(session, "room");
        if (connection != null) {
            member = rooms.join(room, Sockets.parameter(session, "name"), Sockets.parameter(session, "since"),
                    connection);
            if (member != null) {
                undoOnEnd(member::leave);
            }
        }
    }

    @OnMessage
    public void message(String text, Session session) {
        Inbound frame = sockets.decode(session, text);
        if (member != null && frame != null) {
            member.receive(frame);
        }
    }
}
