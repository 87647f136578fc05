package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A room's history: the newest messages, and what a {@code since} id recovers. */
public abstract class RoomHistoryContract extends BrokerContract {
    @Override
    protected int historySize() {
        return 3;
    }

    /** Publishes m1..m{n} in the lobby. */
    protected List<RoomMessage> publish(int n) {
        List<RoomMessage> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(rooms.publish("lobby", "alice", "m" + i, new Origin("c1", "r" + i)));
        }
        return out;
    }

    protected static List<String> texts(Replay<RoomMessage> replay) {
        return replay.messages().stream().map(RoomMessage::text).toList();
    }

    @Test
    public void publishAssignsPositionIdTimeAndKeepsTheOrigin() {
        RoomMessage first = rooms.publish("lobby", "alice", "hi", new Origin("c1", "r1"));
        RoomMessage second = rooms.publish("lobby", "bob", "yo", new Origin("c2", null));
        assertEquals(1, first.seq());
        assertEquals(2, second.seq());
        assertNotEquals(first.id(), second.id());
        assertEquals("lobby", first.room());
        assertEquals("alice", first.from());
        assertEquals("hi", first.text());
        assertEquals(new Origin("c1", "r1"), first.origin());
        assertEquals(new Origin("c2", null), second.origin());
        assertNotNull(first.ts());
        assertFalse(second.ts().isBefore(first.ts()), "times follow the room's order");
    }

    @Test
    public void historyKeepsTheNewestMessagesInOrder() {
        publish(5);
        Replay<RoomMessage> replay = rooms.snapshot("lobby", null, Integer.MAX_VALUE).history();
        assertEquals(List.of("m3", "m4", "m5"), texts(replay));
        assertNull(replay.recovered(), "no since was asked for");
        assertEquals(5, replay.covered());
    }

    @Test
    public void historyOfAnEmptyRoomIsEmpty() {
        Replay<RoomMessage> replay = rooms.snapshot("empty", null, Integer.MAX_VALUE).history();
        assertEquals(List.of(), replay.messages());
        assertEquals(0, replay.covered());
    }

    @Test
    public void sinceAKnownIdGivesTheLaterMessagesRecovered() {
        List<RoomMessage> sent = publish(5);
        Replay<RoomMessage> replay = rooms.snapshot("lobby", sent.get(2).id(), Integer.MAX_VALUE).history();
        assertEquals(List.of("m4", "m5"), texts(replay));
        assertEquals(Boolean.TRUE, replay.recovered());
        assertEquals(5, replay.covered());
    }

    @Test
    public void sinceTheNewestGivesNothingRecovered() {
        List<RoomMessage> sent = publish(5);
        Replay<RoomMessage> replay = rooms.snapshot("lobby", sent.get(4).id(), Integer.MAX_VALUE).history();
        assertEquals(List.of(), replay.messages());
        assertEquals(Boolean.TRUE, replay.recovered());
        assertEquals(5, replay.covered());
    }

    @Test
    public void sinceTheNewestEvictedIdStillRecoversBecauseNothingAfterItIsGone() {
        List<RoomMessage> sent = publish(5);
        Replay<RoomMessage> replay = rooms.snapshot("lobby", sent.get(1).id(), Integer.MAX_VALUE).history();
        assertEquals(List.of("m3", "m4", "m5"), texts(replay));
        assertEquals(Boolean.TRUE, replay.recovered());
    }

    @Test
    public void sinceAnIdTooOldGivesTheNewestHistoryNotRecovered() {
        List<RoomMessage> sent = publish(5);
        Replay<RoomMessage> replay = rooms.snapshot("lobby", sent.get(0).id(), Integer.MAX_VALUE).history();
        assertEquals(List.of("m3", "m4", "m5"), texts(replay));
        assertEquals(Boolean.FALSE, replay.recovered());
        assertEquals(5, replay.covered());
    }

    @Test
    public void sinceAnUnknownIdGivesTheNewestHistoryNotRecovered() {
        List<RoomMessage> sent = publish(5);
        String newest = sent.get(4).id();
        String beyond = newest.substring(0, newest.lastIndexOf('-') + 1) + "6";
        Replay<RoomMessage> replay = rooms.snapshot("lobby", beyond, Integer.MAX_VALUE).history();
        assertEquals(List.of("m3", "m4", "m5"), texts(replay));
        assertEquals(Boolean.FALSE, replay.recovered());
        assertEquals(5, replay.covered());
    }

    @Test
    public void sinceAMalformedIdGivesTheNewestHistoryNotRecovered() {
        publish(5);
        for (String malformed : new String[] {"", "garbage", "42", "-3", "x-3-"}) {
            Replay<RoomMessage> replay = rooms.snapshot("lobby", malformed, Integer.MAX_VALUE).history();
            assertEquals(List.of("m3", "m4", "m5"), texts(replay), malformed);
            assertEquals(Boolean.FALSE, replay.recovered(), malformed);
            assertEquals(5, replay.covered());
        }
    }

    @Test
    public void sinceOnAnEmptyRoomIsNotRecovered() {
        Replay<RoomMessage> replay = rooms.snapshot("lobby", "whatever-1", Integer.MAX_VALUE).history();
        assertEquals(List.of(), replay.messages());
        assertEquals(Boolean.FALSE, replay.recovered());
    }

    @Test
    public void roomsHaveTheirOwnStreams() {
        publish(2);
        RoomMessage elsewhere = rooms.publish("kitchen", "bob", "k1", new Origin("c2", null));
        assertEquals(1, elsewhere.seq());
        assertEquals(List.of("k1"), texts(rooms.snapshot("kitchen", null, Integer.MAX_VALUE).history()));
        assertEquals(List.of("m1", "m2"), texts(rooms.snapshot("lobby", null, Integer.MAX_VALUE).history()));
    }
}
