package dev.parley.room;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Origin;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.connection.Connection;
import dev.parley.connection.LocalGroups;
import dev.parley.outbox.Encoded;
import dev.parley.wire.CloseCodes;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.Inbound;
import dev.parley.wire.Names;
import dev.parley.wire.TextRule;
import dev.parley.wire.WelcomeFrame;
import java.util.List;

/** The rules of broadcast rooms: joining, presence, speaking and leaving, for this node's connections. */
public final class Rooms {
    private final RoomBus bus;
    private final TextRule textRule;
    private final int presenceLimit;
    private final LocalGroups<RoomMember> local;

    public Rooms(RoomBus bus, TextRule textRule, int presenceLimit) {
        this.bus = bus;
        this.textRule = textRule;
        this.presenceLimit = presenceLimit;
        this.local = new LocalGroups<>((room, members) -> bus.subscribe(room, new RoomFanout(members, presenceLimit)));
    }

    /**
     * Joins a connection to a room: its welcome (members, history or what it missed) comes first, then
     * everything after it. Answers null, having closed the connection with 4400, for an invalid name.
     *
     * @param name  the display name, or null or empty for a guest name; an authenticated connection
     *              speaks under its identity instead
     * @param since the id of the last message the client saw, or null
     */
    public RoomMember join(String room, String name, String since, Connection connection) {
        String requested = connection.identity() != null ? connection.identity()
                : name == null || name.isEmpty() ? null : name;
        if (!Names.isValid(room) || (requested != null && !Names.isValid(requested))) {
            connection.close(CloseCodes.INVALID_NAME, "invalid room or display name");
            return null;
        }
        String entered = bus.enter(room, requested).name();
        RoomMember member = new RoomMember(this, room, entered, connection);
        local.add(room, member);
        RoomSnapshot snapshot = bus.snapshot(room, since, presenceLimit);
        Replay<RoomMessage> history = snapshot.history();
        WelcomeFrame welcome = WelcomeFrame.room(room, member.name(), snapshot.roster().names(),
                snapshot.roster().count(),
                history.messages().stream().map(m -> RoomFanout.frame(m, null)).toList(), history.recovered());
        connection.open(List.of(Encoded.of(welcome)), history.covered());
        return member;
    }

    void receive(RoomMember member, Inbound frame) {
        Connection connection = member.connection();
        Inbound.Message message = connection.accept(frame);
        if (message == null) {
            return;
        }
        ErrorFrame refused = textRule.check(message.text(), message.ref());
        if (refused != null) {
            connection.send(refused);
            return;
        }
        try {
            bus.publish(member.room(), member.name(), message.text(), new Origin(connection.id(), message.ref()));
        } catch (BrokerUnavailableException e) {
            connection.send(ErrorFrame.of(ErrorCode.UNAVAILABLE, "the message was not accepted; try again", message.ref()));
        }
    }

    void leave(RoomMember member) {
        local.remove(member.room(), member);
        bus.leave(member.room(), member.name());
    }

    /** Adds the display names connected to this node's rooms. */
    public void names(java.util.Set<String> into) {
        local.forEachMember(m -> into.add(m.name()));
    }

    /** Rooms with members on this node. */
    public int active() {
        return local.size();
    }
}
