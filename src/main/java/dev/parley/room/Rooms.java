package dev.parley.room;

import dev.parley.access.Identity;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.Origin;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.RoomSnapshot;
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
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.Names;
import dev.parley.wire.TextRule;
import dev.parley.wire.WelcomeFrame;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The rules of broadcast rooms: joining, presence, speaking and leaving, for this node's connections. */
public final class Rooms {
    private static final System.Logger LOG = System.getLogger(Rooms.class.getName());
    /** The origin of API messages: no connection has this id, so every member gets the shared copy. */
    private static final String API_ORIGIN = "api";
    private final RoomBus bus;
    private final Hub hub;
    private final TextRule textRule;
    private final int presenceLimit;
    private final Limits limits;
    private final PublishHook hook;
    /** The largest welcome, in bytes: half the outbox, so the welcome never fills it on its own. */
    private final long welcomeBudget;

    /** {@code limits}: what every welcome tells the client about this node's limits. */
    public Rooms(RoomBus bus, Hub hub, TextRule textRule, int presenceLimit, Limits limits) {
        this(bus, hub, textRule, presenceLimit, limits, PublishHook.NONE);
    }

    /** {@code hook}: what decides on each member's message after the text rule and before the broker. */
    public Rooms(RoomBus bus, Hub hub, TextRule textRule, int presenceLimit, Limits limits, PublishHook hook) {
        this(bus, hub, textRule, presenceLimit, limits, hook, Interruption.spread());
    }

    /** {@code interruption}: how members of a room whose stream the broker lost are closed. */
    public Rooms(RoomBus bus, Hub hub, TextRule textRule, int presenceLimit, Limits limits, PublishHook hook,
                 Interruption interruption) {
        this(bus, hub, textRule, presenceLimit, limits, hook, interruption, FanoutLanes.none());
    }

    /** {@code lanes}: the threads that help write to the members of large rooms. */
    public Rooms(RoomBus bus, Hub hub, TextRule textRule, int presenceLimit, Limits limits, PublishHook hook,
                 Interruption interruption, FanoutLanes lanes) {
        this.bus = bus;
        this.hook = hook;
        this.hub = hub;
        this.textRule = textRule;
        this.presenceLimit = presenceLimit;
        this.limits = limits;
        this.welcomeBudget = hub.policy().outboxBytes() / 2;
        hub.serve(EndpointKind.ROOM, (room, members) -> {
            RoomFanout fanout = new RoomFanout(members, presenceLimit, interruption, lanes);
            return bus.subscribe(room, fanout, fanout::lost);
        });
    }

    /**
     * Joins a connection to a room: its welcome (members, history or what it missed) comes first, then
     * everything after it.
     *
     * @param name  the display name, or null or empty for a guest name; an authenticated connection
     *              speaks under its identity instead
     * @param since the id of the last message the client saw, or null
     * @throws Refused with 4400 for an invalid room or name (or a token without a valid display name), 4403
     *                 for a room the token does not allow, 1013 when the broker is unavailable
     */
    public void join(Connection connection, String roomAsGiven, String name, String since) {
        Identity proven = connection.proven();
        String requested = proven != null ? Names.normalized(proven.displayName())
                : name == null || name.isEmpty() ? null : Names.normalized(name);
        if (!Names.isValid(roomAsGiven) || (requested != null && !Names.isValid(requested))) {
            throw new Refused(Close.INVALID_NAME);
        }
        String room = Names.normalized(roomAsGiven);
        if (proven != null && requested == null) {
            throw new Refused(Close.NO_DISPLAY_NAME);
        }
        if (proven != null && !proven.rooms().mayJoin(room)) {
            throw new Refused(Close.NOT_ALLOWED);
        }
        String entered;
        try {
            entered = bus.enter(room, requested).name();
        } catch (BrokerUnavailableException e) {
            throw new Refused(Close.BROKER_UNAVAILABLE);
        }
        boolean joined;
        try {
            joined = hub.join(connection, room, entered, () -> leave(room, entered));
        } catch (BrokerUnavailableException e) {
            leave(room, entered);
            throw new Refused(Close.BROKER_UNAVAILABLE);
        }
        if (!joined) {
            leave(room, entered);
            return;
        }
        RoomSnapshot snapshot;
        try {
            snapshot = bus.snapshot(room, since, presenceLimit);
        } catch (BrokerUnavailableException e) {
            throw new Refused(Close.BROKER_UNAVAILABLE); // closing the joined connection leaves the room
        }
        connection.open(List.of(welcome(room, entered, snapshot, proven == null ? null : proven.expiresAt())),
                Collections.emptyIterator(),
                snapshot.history().covered());
    }

    /** A broker that cannot answer learns of the leave when it is back (see {@link RoomBus#leave}). */
    private void leave(String room, String name) {
        try {
            bus.leave(room, name);
        } catch (BrokerUnavailableException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0} left {1} while the broker was unavailable", name, room);
        }
    }

    /**
     * The welcome, with as much of the history as fits the welcome budget: the oldest messages go first.
     * A resume that loses some so says {@code recovered:false}.
     */
    private Encoded welcome(String room, String name, RoomSnapshot snapshot, Instant exp) {
        Replay<RoomMessage> history = snapshot.history();
        List<RoomMessage> kept = history.messages();
        Boolean recovered = history.recovered();
        while (true) {
            Encoded welcome = Encoded.of(WelcomeFrame.room(room, name, snapshot.roster().names(),
                    snapshot.roster().count(), kept.stream().map(m -> RoomFanout.frame(m, null)).toList(), recovered,
                    limits).expiring(exp));
            if (welcome.bytes() <= welcomeBudget || kept.isEmpty()) {
                return welcome;
            }
            kept = kept.subList(kept.size() / 2 + kept.size() % 2, kept.size());
            recovered = recovered == null ? null : false;
        }
    }

    /**
     * A message from the server API, under {@code from}: it takes its place in the room's one order like a
     * member's. The caller has checked the names, the text and the data (either may be null, not both).
     *
     * @throws BrokerUnavailableException when the broker cannot take it now
     */
    public RoomMessage post(String room, String from, String text, JsonObject data) {
        return bus.publish(room, from, text, data, new Origin(API_ORIGIN, null));
    }

    /** The room's members (up to the presence limit), their count, and its kept history after {@code since}. */
    public RoomSnapshot look(String room, String since) {
        return bus.snapshot(room, since, presenceLimit);
    }

    /** A page of the rooms with members on the broker (on every node), by name; for the server API. */
    public RoomPage active(String after, int limit) {
        return bus.active(after, limit);
    }

    /**
     * A message from a member: checked by the text rule, then by the publish hook (at once without one),
     * then accepted by the broker, which streams it to every member. A message the hook accepts is
     * published even if its sender has gone meanwhile.
     */
    public void receive(Connection from, Inbound.Message message) {
        Identity proven = from.proven();
        if (proven != null && !proven.rooms().mayPublish(from.group())) {
            from.send(ErrorFrame.of(ErrorCode.FORBIDDEN, "your token does not let you speak in this room",
                    message.ref()));
            return;
        }
        Optional<ErrorFrame> refused = textRule.check(message.text(), message.data(), message.ref());
        if (refused.isPresent()) {
            from.send(refused.get());
            return;
        }
        hook.screen(HookRequest.room(from.group(), from.name(), message.text(), message.data()),
                verdict -> publish(from, message.ref(), verdict));
    }

    private void publish(Connection from, String ref, HookVerdict verdict) {
        if (verdict instanceof HookVerdict.Refuse refuse) {
            from.send(refuse.frame(ref));
            return;
        }
        HookVerdict.Accept accepted = (HookVerdict.Accept) verdict;
        try {
            bus.publish(from.group(), from.name(), accepted.text(), accepted.data(), new Origin(from.id(), ref));
        } catch (BrokerUnavailableException e) {
            from.send(ErrorFrame.of(ErrorCode.UNAVAILABLE, "the message was not accepted; try again", ref));
        }
    }
}
