package dev.parley.direct;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.UserBus;
import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.Timestamps;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hands each direct message to every connection of its receiver on this node, encoded once. A message
 * counts as delivered once it has been written to one of them, not before: one whose connections all end
 * first stays pending for the next.
 */
final class UserFanout implements Consumer<DirectMessage> {
    private final Set<Connection> connections;
    private final UserBus bus;

    UserFanout(Set<Connection> connections, UserBus bus) {
        this.connections = connections;
        this.bus = bus;
    }

    /** {@code live} frames carry their acceptance time, so delivery latency leaves out inbox waits. */
    static Encoded encode(DirectMessage m, boolean live, UserBus bus) {
        MessageFrame frame = MessageFrame.direct(m.id(), m.from(), m.to(), m.text(), m.data(),
                Timestamps.format(m.ts()));
        return Encoded.of(frame, m.seq(), live ? m.ts() : null, () -> bus.delivered(m.to(), m.seq()));
    }

    @Override
    public void accept(DirectMessage message) {
        Encoded frame = encode(message, true, bus);
        for (Connection c : connections) {
            c.send(frame);
        }
    }
}
