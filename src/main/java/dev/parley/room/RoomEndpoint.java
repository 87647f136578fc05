package dev.parley.room;

import dev.parley.connection.EndpointKind;
import dev.parley.socket.EndpointFactory;
import dev.parley.socket.SocketEndpoint;
import dev.parley.socket.Sockets;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /ws/room/{room}}: adapts one WebSocket to {@link Rooms}. */
@ServerEndpoint(value = "/ws/room/{room}", configurator = EndpointFactory.class)
public final class RoomEndpoint extends SocketEndpoint {
    private final Rooms rooms;

    public RoomEndpoint(Rooms rooms, Sockets sockets) {
        super(sockets);
        this.rooms = rooms;
    }

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        sockets.open(session, EndpointKind.ROOM, c -> rooms.join(c, room, Sockets.parameter(session, "name"),
                Sockets.parameter(session, "since")));
    }

    @Override
    public void message(String text, Session session) {
        sockets.frame(session, text, rooms::receive);
    }
}
