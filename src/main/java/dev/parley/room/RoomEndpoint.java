package dev.parley.room;

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

/** {@code /ws/room/{room}}: adapts one WebSocket to {@link Rooms}. */
@ServerEndpoint(value = "/ws/room/{room}", decoders = InboundDecoder.class, configurator = EndpointFactory.class)
public final class RoomEndpoint {
    private final Rooms rooms;
    private final Sockets sockets;
    private RoomMember member;

    public RoomEndpoint(Rooms rooms, Sockets sockets) {
        this.rooms = rooms;
        this.sockets = sockets;
    }

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        Connection connection = sockets.open(session, "room");
        if (connection != null) {
            member = rooms.join(room, Sockets.parameter(session, "name"), Sockets.parameter(session, "since"),
                    connection);
        }
    }

    @OnMessage
    public void message(Inbound frame) {
        if (member != null) {
            member.receive(frame);
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
        if (member != null) {
            member.leave();
        }
        sockets.closed(session, reason);
    }
}
