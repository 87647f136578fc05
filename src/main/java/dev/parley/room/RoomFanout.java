package dev.parley.room;

import dev.parley.broker.PresenceEvent;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.connection.Interruption;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.PresenceFrame;
import dev.parley.wire.Timestamps;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Hands each event of one room to this node's members of it. Every frame is encoded once for all; only
 * the sender gets a second encoding, the one carrying its {@code ref}. When the broker lost events of the
 * room, the members then present get nothing more and are closed, so that they resume from what they saw.
 */
final class RoomFanout implements Consumer<RoomEvent> {
    private final Set<Connection> members;
    private final int presenceLimit;
    private final Interruption interruption;
    private final Set<Connection> closing = ConcurrentHashMap.newKeySet();

    RoomFanout(Set<Connection> members, int presenceLimit, Interruption interruption) {
        this.members = members;
        this.presenceLimit = presenceLimit;
        this.interruption = interruption;
    }

    /** The room's stream has a hole this node cannot fill: every member now resumes with {@code since}. */
    void lost() {
        for (Connection member : members) {
            if (closing.add(member)) {
                interruption.close(member, () -> closing.remove(member));
            }
        }
    }

    static MessageFrame frame(RoomMessage m, String ref) {
        return MessageFrame.room(m.id(), m.room(), m.from(), m.text(), m.data(), Timestamps.format(m.ts()), ref);
    }

    @Override
    public void accept(RoomEvent event) {
        if (event instanceof RoomMessage message) {
            deliver(message);
        } else if (event instanceof PresenceEvent presence) {
            deliver(presence);
        }
    }

    private void deliver(RoomMessage message) {
        Encoded shared = Encoded.of(frame(message, null), message.seq(), message.ts());
        String origin = message.origin() == null ? null : message.origin().connection();
        String ref = message.origin() == null ? null : message.origin().ref();
        for (Connection member : members) {
            if (closing.contains(member)) {
                continue;
            }
            if (ref != null && member.id().equals(origin)) {
                member.send(Encoded.of(frame(message, ref), message.seq(), message.ts()));
            } else {
                member.send(shared);
            }
        }
    }

    /**
     * Rooms over the presence limit stay silent, so presence never costs n² frames. A connection never
     * hears of its own name joining or leaving.
     */
    private void deliver(PresenceEvent presence) {
        if (presence.memberCount() > presenceLimit) {
            return;
        }
        String ts = Timestamps.format(presence.ts());
        Encoded frame = Encoded.of(presence.joined()
                ? PresenceFrame.join(presence.room(), presence.name(), ts)
                : PresenceFrame.leave(presence.room(), presence.name(), ts), presence.seq(), null);
        for (Connection member : members) {
            if (!member.name().equals(presence.name()) && !closing.contains(member)) {
                member.send(frame);
            }
        }
    }
}
