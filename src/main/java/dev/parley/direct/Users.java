package dev.parley.direct;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.InboxFullException;
import dev.parley.broker.Replay;
import dev.parley.broker.UserBus;
import dev.parley.connection.Close;
import dev.parley.connection.Connection;
import dev.parley.connection.Encoded;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.Hub;
import dev.parley.connection.Interruption;
import dev.parley.connection.Refused;
import dev.parley.hook.HookRequest;
import dev.parley.hook.HookVerdict;
import dev.parley.hook.PublishHook;
import dev.parley.ops.Metrics;
import dev.parley.wire.AckFrame;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.ServerFrame;
import dev.parley.wire.TextRule;
import dev.parley.wire.UserIds;
import dev.parley.wire.WelcomeFrame;
import jakarta.json.JsonObject;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The rules of direct messages: routing by {@code to}, acks, the inbox on connect, and resume. */
public final class Users {
    private static final System.Logger LOG = System.getLogger(Users.class.getName());
    private final UserBus bus;
    private final Hub hub;
    private final TextRule textRule;
    private final Metrics metrics;
    private final Limits limits;
    private final PublishHook hook;

    /** {@code limits}: what every welcome tells the client about this node's limits. */
    public Users(UserBus bus, Hub hub, TextRule textRule, Metrics metrics, Limits limits) {
        this(bus, hub, textRule, metrics, limits, PublishHook.NONE);
    }

    /** {@code hook}: what decides on each user's message after the rules and before the broker. */
    public Users(UserBus bus, Hub hub, TextRule textRule, Metrics metrics, Limits limits, PublishHook hook) {
        this(bus, hub, textRule, metrics, limits, hook, Interruption.spread());
    }

    /** {@code interruption}: how connections of a user whose stream the broker lost are closed. */
    public Users(UserBus bus, Hub hub, TextRule textRule, Metrics metrics, Limits limits, PublishHook hook,
                 Interruption interruption) {
        this.bus = bus;
        this.hook = hook;
        this.hub = hub;
        this.textRule = textRule;
        this.metrics = metrics;
        this.limits = limits;
        hub.serve(EndpointKind.USER, (user, connections) -> {
            UserFanout fanout = new UserFanout(connections, bus, interruption);
            return bus.subscribe(user, fanout, fanout::lost);
        });
    }

    /**
     * Opens a connection of {@code user}: its welcome says how many messages follow (the undelivered
     * ones, or with {@code since} every retained one after it), then those, written as the client reads
     * them, then live messages.
     *
     * @throws Refused with 4401 when the connection proved to be someone else, 4400 for an invalid user id,
     *                 1013 when the broker is unavailable
     */
    public void connect(Connection connection, String user, String since) {
        if (connection.identity() != null && !connection.identity().equals(user)) {
            throw new Refused(Close.OTHER_USER);
        }
        if (!UserIds.isValid(user)) {
            throw new Refused(Close.INVALID_USER);
        }
        try {
            bus.online(user);
        } catch (BrokerUnavailableException e) {
            throw new Refused(Close.BROKER_UNAVAILABLE);
        }
        boolean joined;
        try {
            joined = hub.join(connection, user, user, () -> offline(user));
        } catch (BrokerUnavailableException e) {
            offline(user);
            throw new Refused(Close.BROKER_UNAVAILABLE);
        }
        if (!joined) {
            offline(user);
            return;
        }
        // subscribed first, then caught up: a message sent in between comes both ways, and the
        // connection writes it once (the catch-up covers it)
        Replay<DirectMessage> replay;
        try {
            replay = since == null || since.isEmpty() ? bus.pending(user) : bus.catchUp(user, since);
        } catch (BrokerUnavailableException e) {
            throw new Refused(Close.BROKER_UNAVAILABLE); // closing the joined connection takes it offline
        }
        Iterator<Encoded> catchUp = replay.messages().stream().map(m -> UserFanout.encode(m, false, bus)).iterator();
        WelcomeFrame welcome = WelcomeFrame.user(user, replay.messages().size(), replay.recovered(), limits)
                .expiring(connection.proven() == null ? null : connection.proven().expiresAt());
        connection.open(List.of(Encoded.of(welcome)), catchUp, replay.covered());
    }

    private void offline(String user) {
        try {
            bus.offline(user);
        } catch (BrokerUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} went offline while the broker was unavailable", user);
        }
    }

    /**
     * A message from one of the user's connections: checked by the rules, then by the publish hook (at once
     * without one), then sent; answered with its ack or error. A message the hook accepts is sent even if
     * its sender has gone meanwhile.
     */
    public void receive(Connection from, Inbound.Message message) {
        Optional<ErrorFrame> refused = check(message);
        if (refused.isPresent()) {
            from.send(refused.get());
            return;
        }
        hook.screen(HookRequest.direct(from.name(), message.to(), message.text(), message.data()),
                verdict -> from.send(answer(from.name(), message, verdict)));
    }

    /**
     * Sends a checked direct message (text or data may be null, not both), from a connection or the server
     * API: {@code delivered} in the answer is the broker's, as in the ack.
     *
     * @throws InboxFullException         when the receiver's inbox is full
     * @throws BrokerUnavailableException when the broker cannot take it now
     */
    public UserBus.Sent post(String from, String to, String text, JsonObject data) {
        UserBus.Sent sent = bus.send(from, to, text, data);
        metrics.directMessage(sent.delivered());
        return sent;
    }

    /** How many direct messages wait for {@code user}: those its next connection's welcome counts. */
    public int pending(String user) {
        return bus.pending(user).messages().size();
    }

    private Optional<ErrorFrame> check(Inbound.Message message) {
        if (message.to() == null || !UserIds.isValid(message.to())) {
            return Optional.of(ErrorFrame.of(ErrorCode.BAD_REQUEST, "to must be a valid user id", message.ref()));
        }
        return textRule.check(message.text(), message.data(), message.ref());
    }

    private ServerFrame answer(String from, Inbound.Message message, HookVerdict verdict) {
        if (verdict instanceof HookVerdict.Refuse refuse) {
            return refuse.frame(message.ref());
        }
        HookVerdict.Accept accepted = (HookVerdict.Accept) verdict;
        return accept(from, message.to(), accepted.text(), accepted.data(), message.ref());
    }

    private ServerFrame accept(String from, String to, String text, JsonObject data, String ref) {
        try {
            UserBus.Sent sent = post(from, to, text, data);
            String id = sent.message().id();
            return sent.delivered() ? AckFrame.delivered(ref, id) : AckFrame.stored(ref, id);
        } catch (InboxFullException e) {
            return ErrorFrame.of(ErrorCode.INBOX_FULL, to + "'s inbox is full; nothing was stored", ref);
        } catch (BrokerUnavailableException e) {
            return ErrorFrame.of(ErrorCode.UNAVAILABLE, "the message was not accepted; try again", ref);
        }
    }
}
