package dev.parley.room;

import dev.parley.connection.Connection;
import dev.parley.outbox.Encoded;
import dev.parley.wire.Inbound;

/** One connection in one room, under the name it speaks as. */
public final class RoomMember {
    private final Rooms rooms;
    private final String room;
    private final String name;
    private final Connection connection;

    RoomMember(Rooms rooms, String room, String name, Connection connection) {
        this.rooms = rooms;
        this.room = room;
        this.name = name;
        this.connection = connection;
    }

    public String room() {
        return room;
    }

    public String name() {
        return name;
    }

    String connectionId() {
        return connection.id();
    }

    Connection connection() {
        return connection;
    }

    void send(Encoded frame) {
        connection.send(frame);
    }

    /** A frame from this member's client. */
    public void receive(Inbound frame) {
        rooms.receive(this, frame);
    }

    /** The connection closed. */
    public void leave() {
        rooms.leave(this);
    }
}
