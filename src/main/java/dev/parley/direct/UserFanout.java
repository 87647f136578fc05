package dev.parley.direct;

import dev.parley.broker.DirectMessage;
import dev.parley.broker.UserBus;
import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.connection.Interruption;
import dev.parley.connection.Members;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.Timestamps;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Hands each direct message to every connection of its receiver on this node, encoded once. A message
 * counts as delivered once it has been written to one of them, not before: one whose connections all end
 * first stays pending for the next. When the broker lost messages to the user, the connections then open
 * get nothing more and are closed, so that they resume from what they saw.
 */
final class UserFanout implements Consumer<DirectMessage> {
    private final Members connections;
    private final UserBus bus;
    private final Interruption interruption;
    private final Set<Connection> closing = ConcurrentHashMap.newKeySet();

    UserFanout(Members connections, UserBus bus, Interruption interruption) {
        this.connections = connections;
        this.bus = bus;
        this.interruption = interruption;
    }

    /** The user's stream has a hole this node cannot fill: every connection now resumes with {@code since}. */
    void lost() {
        for (Connection c : connections) {
            if (closing.add(c)) {
                interruption.close(c, () -> closing.remove(c));
            }
        }
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
        for (Connection c : connections.list()) {
            if (!closing.contains(c)) {
                c.send(frame);
            }
        }
    }
}
