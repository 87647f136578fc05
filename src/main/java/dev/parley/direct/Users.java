package dev.parley.direct;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.Replay;
import dev.parley.broker.UserBus;
import dev.parley.connection.Connection;
import dev.parley.connection.LocalGroups;
import dev.parley.ops.Metrics;
import dev.parley.outbox.Encoded;
import dev.parley.wire.AckFrame;
import dev.parley.wire.CloseCodes;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.Inbound;
import dev.parley.wire.Names;
import dev.parley.wire.ServerFrame;
import dev.parley.wire.TextRule;
import dev.parley.wire.WelcomeFrame;
import java.util.ArrayList;
import java.util.List;

/** The rules of direct messages: routing by {@code to}, acks, the inbox on connect, and resume. */
public final class Users {
    private final UserBus bus;
    private final TextRule textRule;
    private final Metrics metrics;
    private final LocalGroups<UserConnection> local;

    public Users(UserBus bus, TextRule textRule, Metrics metrics) {
        this.bus = bus;
        this.textRule = textRule;
        this.metrics = metrics;
        this.local = new LocalGroups<>((user, connections) -> bus.subscribe(user, new UserFanout(connections)));
    }

    /**
     * Opens a connection of {@code user}: its welcome says how many messages follow (the undelivered
     * ones, or with {@code since} every retained one after it), then those, then live messages. Answers
     * null, having closed the connection with 4400, for an invalid name.
     */
    public UserConnection connect(String user, String since, Connection connection) {
        if (connection.identity() != null && !connection.identity().equals(user)) {
            connection.close(CloseCodes.UNAUTHORIZED, "this token is for another user");
            return null;
        }
        if (!Names.isValid(user)) {
            connection.close(CloseCodes.INVALID_NAME, "invalid user name");
            return null;
        }
        UserConnection member = new UserConnection(this, user, connection);
        local.add(user, member);
        bus.online(user);
        Replay<DirectMessage> replay = since == null || since.isEmpty()
                ? bus.takePending(user) : bus.catchUp(user, since);
        List<Encoded> head = new ArrayList<>(replay.messages().size() + 1);
        head.add(Encoded.of(WelcomeFrame.user(user, replay.messages().size(), replay.recovered())));
        replay.messages().forEach(m -> head.add(UserFanout.encode(m, false)));
        connection.open(head, replay.covered());
        return member;
    }

    void receive(UserConnection sender, Inbound frame) {
        Inbound.Message message = sender.connection().accept(frame);
        if (message != null) {
            sender.connection().send(send(sender.user(), message));
        }
    }

    private ServerFrame send(String from, Inbound.Message message) {
        String ref = message.ref();
        if (message.to() == null || !Names.isValid(message.to())) {
            return ErrorFrame.of(ErrorCode.BAD_REQUEST, "to must be a valid user name", ref);
        }
        ErrorFrame refused = textRule.check(message.text(), ref);
        if (refused != null) {
            return refused;
        }
        try {
            UserBus.Sent sent = bus.send(from, message.to(), message.text());
            metrics.directMessage(sent.delivered());
            String id = sent.message().id();
            return sent.delivered() ? AckFrame.delivered(ref, id) : AckFrame.stored(ref, id);
        } catch (InboxFullException e) {
            return ErrorFrame.of(ErrorCode.INBOX_FULL, message.to() + "'s inbox is full; nothing was stored", ref);
        } catch (BrokerUnavailableException e) {
            return ErrorFrame.of(ErrorCode.UNAVAILABLE, "the message was not accepted; try again", ref);
        }
    }

    void leave(UserConnection member) {
        local.remove(member.user(), member);
        bus.offline(member.user());
    }

    /** Adds the users connected to this node. */
    public void names(java.util.Set<String> into) {
        local.forEachMember(c -> into.add(c.user()));
    }

    /** Users with a connection on this node. */
    public int online() {
        return local.size();
    }
}
