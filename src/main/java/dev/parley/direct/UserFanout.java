package dev.parley.direct;

import dev.parley.broker.DirectMessage;
import dev.parley.outbox.Encoded;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.Timestamps;
import java.util.Set;
import java.util.function.Consumer;

/** Hands each direct message to every connection of its receiver on this node, encoded once. */
final class UserFanout implements Consumer<DirectMessage> {
    private final Set<UserConnection> connections;

    UserFanout(Set<UserConnection> connections) {
        this.connections = connections;
    }

    /** {@code live} frames carry their acceptance time, so delivery latency leaves out inbox waits. */
    static Encoded encode(DirectMessage m, boolean live) {
        return Encoded.of(MessageFrame.direct(m.id(), m.from(), m.to(), m.text(), Timestamps.format(m.ts())),
                m.seq(), live ? m.ts() : null);
    }

    @Override
    public void accept(DirectMessage message) {
        Encoded frame = encode(message, true);
        for (UserConnection c : connections) {
            c.send(frame);
        }
    }
}
