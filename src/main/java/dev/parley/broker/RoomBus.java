package dev.parley.broker;

import jakarta.json.JsonObject;
import java.util.function.Consumer;

/** Rooms: one ordered stream of events per room, its history and its presence. */
public interface RoomBus {

    /**
     * Receives every event of the room published after this call, in the room's one order, never two
     * at a time. A node subscribes once per room and fans out to its own members.
     */
    Subscription subscribe(String room, Consumer<RoomEvent> listener);

    /**
     * As {@link #subscribe(String, Consumer)}, and runs {@code lost} (on the listener's thread, between
     * two events) when the broker finds that events of the room never reached this node and cannot be
     * filled in, or that the room's stream lost messages it had already streamed: whoever got the
     * room's events here then has a hole in them and must resume from what it last saw. A broker that
     * cannot lose events never runs it.
     */
    default Subscription subscribe(String room, Consumer<RoomEvent> listener, Runnable lost) {
        return subscribe(room, listener);
    }

    /**
     * Accepts a message: assigns its id and time, keeps it in the history and streams it. {@code text} or
     * {@code data} may be null, not both.
     */
    RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin);

    /** Accepts a message of text only. */
    default RoomMessage publish(String room, String from, String text, Origin origin) {
        return publish(room, from, text, null, origin);
    }

    /**
     * Counts one more connection for {@code name}, or for a new unique guest name when it is null. The
     * name's first connection streams a {@link PresenceEvent} join.
     */
    Entered enter(String room, String name);

    /** Counts one connection less for {@code name}; its last one streams a {@link PresenceEvent} leave. */
    Left leave(String room, String name);

    /**
     * The first {@code rosterLimit} members, their count, and the newest messages (or with
     * {@code sinceId} those after it, when all of them are still kept), all at one stream position:
     * the history's {@code covered}.
     */
    RoomSnapshot snapshot(String room, String sinceId, int rosterLimit);

    /**
     * Rooms with at least one member, ordered by name: at most {@code limit} of those whose name sorts
     * after {@code after} (or from the first, when null).
     */
    RoomPage active(String after, int limit);

    /** A name's count after {@code enter}; {@code first} when this is its only connection. */
    record Entered(String name, boolean first, int memberCount) {
    }

    /** After {@code leave}: {@code last} when the name has no connection left; the count before leaving. */
    record Left(boolean last, int memberCountBefore) {
    }
}
