package dev.parley.direct;

import dev.parley.connection.Connection;
import dev.parley.outbox.Encoded;
import dev.parley.wire.Inbound;

/** One connection of a user: it receives the user's direct messages and sends as that user. */
public final class UserConnection {
    private final Users users;
    private final String user;
    private final Connection connection;

    UserConnection(Users users, String user, Connection connection) {
        this.users = users;
        this.user = user;
        this.connection = connection;
    }

    public String user() {
        return user;
    }

    Connection connection() {
        return connection;
    }

    void send(Encoded frame) {
        connection.send(frame);
    }

    /** A frame from this connection's client. */
    public void receive(Inbound frame) {
        users.receive(this, frame);
    }

    /** The connection closed. */
    public void leave() {
        users.leave(this);
    }
}
