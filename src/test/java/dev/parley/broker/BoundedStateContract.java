package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nothing is held for ever: a room idle for the history TTL vanishes, a user whose messages are all
 * delivered and past the retention leaves no entry, and the broker's counts of what it holds follow.
 */
public abstract class BoundedStateContract extends BrokerContract {
    /** The history TTL and the retention of these tests. */
    protected static final Duration TTL = Duration.ofSeconds(1);

    /** A fresh broker with nothing in it and these settings. */
    protected abstract Broker newBroker(BrokerSettings settings);

    /** Lets this much time go by with nothing happening. */
    protected abstract void pass(Duration time);

    /** Runs the broker's sweep now, as its own timer does every so often. */
    protected abstract void sweep();

    @Override
    protected final Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return newBroker(BrokerSettings.of(historySize, inboxSize, TTL).withHistoryTtl(TTL));
    }

    private static final Origin ORIGIN = new Origin("c1", null);

    private static List<String> texts(Replay<RoomMessage> replay) {
        return replay.messages().stream().map(RoomMessage::text).toList();
    }

    @Test
    public void aRoomIdleForTheTtlVanishes() {
        rooms.enter("lobby", "alice");
        String id = rooms.publish("lobby", "alice", "hi", ORIGIN).id();
        rooms.leave("lobby", "alice");
        sweep();
        assertEquals(1, broker.roomsHeld());

        pass(TTL.plusMillis(500));
        sweep();

        assertEquals(0, broker.roomsHeld());
        RoomSnapshot snapshot = rooms.snapshot("lobby", null, 10);
        assertEquals(List.of(), texts(snapshot.history()));
        assertEquals(0, snapshot.roster().count());
        Replay<RoomMessage> since = rooms.snapshot("lobby", id, 10).history();
        assertEquals(Boolean.FALSE, since.recovered(), "what came after the id is gone");
        assertEquals(List.of(), texts(since));
    }

    @Test
    public void messagesJoinsAndLeavesKeepARoomsHistory() {
        String first = rooms.publish("lobby", "alice", "m1", ORIGIN).id();
        Duration step = TTL.multipliedBy(6).dividedBy(10);
        pass(step);
        sweep();
        rooms.publish("lobby", "alice", "m2", ORIGIN);
        pass(step);
        sweep();
        rooms.enter("lobby", "bob");
        pass(step);
        sweep();
        rooms.leave("lobby", "bob");
        pass(step);
        sweep();

        Replay<RoomMessage> since = rooms.snapshot("lobby", first, 10).history();
        assertEquals(Boolean.TRUE, since.recovered());
        assertEquals(List.of("m2"), texts(since));
        assertEquals(List.of("m1", "m2"), texts(rooms.snapshot("lobby", null, 10).history()));
        assertEquals(1, broker.roomsHeld());
    }

    @Test
    public void aUserWhoseMessagesWereDeliveredAndExpiredLeavesNoEntry() {
        users.online("bob");
        DirectMessage m = users.send("alice", "bob", "hi").message();
        users.delivered("bob", m.seq());
        users.offline("bob");
        sweep();
        assertEquals(1, broker.usersHeld());

        pass(TTL.plusMillis(500));
        sweep();

        assertEquals(0, broker.usersHeld());
        Replay<DirectMessage> since = users.catchUp("bob", m.id());
        assertEquals(Boolean.FALSE, since.recovered());
        assertEquals(List.of(), since.messages());
    }

    @Test
    public void anUndeliveredMessageStaysForItsRetention() {
        DirectMessage m = users.send("alice", "bob", "stored").message();
        pass(TTL.dividedBy(2));
        sweep();
        assertEquals(1, broker.usersHeld());
        assertEquals(List.of(m.id()), users.pending("bob").messages().stream().map(DirectMessage::id).toList());
        assertEquals(1, broker.undelivered());
    }

    @Test
    public void theHeldCountsGoUpAndDown() {
        sweep();
        assertEquals(0, broker.roomsHeld());
        assertEquals(0, broker.usersHeld());
        rooms.enter("lobby", "alice");
        rooms.publish("news", "editor", "hi", ORIGIN);
        users.send("alice", "bob", "hi");
        users.send("alice", "carol", "hi");
        sweep();
        assertEquals(2, broker.roomsHeld(), "lobby (a member) and news (a message)");
        assertEquals(2, broker.usersHeld());

        rooms.leave("lobby", "alice");
        sweep();
        assertEquals(1, broker.roomsHeld(), "lobby had no message: nothing of it is held");
    }
}
