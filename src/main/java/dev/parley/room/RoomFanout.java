package dev.parley.room;

import dev.parley.broker.PresenceEvent;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.SerialRunner;
import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.connection.Interruption;
import dev.parley.connection.Members;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.PresenceFrame;
import dev.parley.wire.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Hands each event of one room to this node's members of it. Every frame is encoded once for all; only
 * the sender gets a second encoding, the one carrying its {@code ref}. A large room's members are written
 * lane by lane ({@link FanoutLanes}). When the broker lost events of the
 * room, the members then present get nothing more and are closed, so that they resume from what they saw.
 */
final class RoomFanout implements Consumer<RoomEvent> {
    private final Members members;
    private final int presenceLimit;
    private final Interruption interruption;
    private final Set<Connection> closing = ConcurrentHashMap.newKeySet();
    /** Events a lane's thread writes before it lets the lanes of other rooms have a turn. */
    private static final int EVENTS_PER_TURN = 64;
    private final FanoutLanes fanoutLanes;
    /** Null until the room first outgrows the lanes' threshold; lane 0 is the fanning thread's own. */
    private SerialRunner[] lanes;

    /** Which list of members was split over the lanes, and into what. */
    private record Split(List<Connection> of, List<List<Connection>> byLane) {
    }

    private Split split = new Split(null, List.of());

    RoomFanout(Members members, int presenceLimit, Interruption interruption, FanoutLanes fanoutLanes) {
        this.members = members;
        this.presenceLimit = presenceLimit;
        this.interruption = interruption;
        this.fanoutLanes = fanoutLanes;
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
        if (ref == null) {
            fanOut(member -> member.send(shared));
            return;
        }
        Encoded own = Encoded.of(frame(message, ref), message.seq(), message.ts());
        fanOut(member -> member.send(member.id().equals(origin) ? own : shared));
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
        fanOut(member -> {
            if (!member.name().equals(presence.name())) {
                member.send(frame);
            }
        });
    }

    /**
     * Hands an event to every member not being closed: on this thread while the room is small here; once it
     * has grown past the lanes' threshold, lane by lane from then on (a room never goes back, so an event
     * can never overtake one still on a lane).
     */
    private void fanOut(Consumer<Connection> write) {
        List<Connection> everyone = members.list();
        if (lanes == null) {
            if (everyone.size() <= fanoutLanes.threshold()) {
                writeAll(everyone, write);
                return;
            }
            lanes = new SerialRunner[fanoutLanes.count()];
            for (int lane = 1; lane < lanes.length; lane++) {
                lanes[lane] = new SerialRunner(fanoutLanes::execute, EVENTS_PER_TURN);
            }
        }
        List<List<Connection>> split = split(everyone);
        for (int lane = 1; lane < lanes.length; lane++) {
            List<Connection> mine = split.get(lane);
            SerialRunner runner = lanes[lane];
            if (runner.add(() -> writeAll(mine, write))) {
                fanoutLanes.execute(runner::runAll);
            }
        }
        writeAll(split.get(0), write);
    }

    private void writeAll(List<Connection> these, Consumer<Connection> write) {
        for (Connection member : these) {
            if (!closing.contains(member)) {
                write.accept(member);
            }
        }
    }

    /** The members lane by lane (a member's lane follows from its id), split again only when they changed. */
    private List<List<Connection>> split(List<Connection> everyone) {
        Split last = split;
        if (last.of() != everyone) {
            List<List<Connection>> byLane = new ArrayList<>(lanes.length);
            for (int lane = 0; lane < lanes.length; lane++) {
                byLane.add(new ArrayList<>(everyone.size() / lanes.length + 1));
            }
            for (Connection member : everyone) {
                byLane.get(Math.floorMod(member.id().hashCode(), lanes.length)).add(member);
            }
            last = new Split(everyone, byLane);
            split = last;
        }
        return last.byLane();
    }
}
