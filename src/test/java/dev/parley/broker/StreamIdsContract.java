package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every room and every user is a stream with an epoch of its own: an id is only ever known in the stream
 * that gave it, so a {@code since} from another stream reads as unknown, never as a position.
 */
public abstract class StreamIdsContract extends BrokerContract {

    @Test
    public void anIdFromAnotherRoomIsUnknown() {
        RoomMessage lobby1 = rooms.publish("lobby", "alice", "l1", new Origin("c1", null));
        rooms.publish("lobby", "alice", "l2", new Origin("c1", null));
        RoomMessage kitchen1 = rooms.publish("kitchen", "bob", "k1", new Origin("c2", null));
        rooms.publish("kitchen", "bob", "k2", new Origin("c2", null));
        assertEquals(lobby1.seq(), kitchen1.seq(), "both rooms at the same position");
        assertNotEquals(lobby1.id(), kitchen1.id(), "but not the same id");

        Replay<RoomMessage> foreign = rooms.snapshot("kitchen", lobby1.id(), 10).history();
        assertEquals(Boolean.FALSE, foreign.recovered());
        assertEquals(List.of("k1", "k2"), foreign.messages().stream().map(RoomMessage::text).toList());

        Replay<RoomMessage> own = rooms.snapshot("kitchen", kitchen1.id(), 10).history();
        assertEquals(Boolean.TRUE, own.recovered());
        assertEquals(List.of("k2"), own.messages().stream().map(RoomMessage::text).toList());
    }

    @Test
    public void anIdFromAnotherUserIsUnknown() {
        DirectMessage toBob = users.send("alice", "bob", "b1").message();
        users.send("alice", "bob", "b2");
        DirectMessage toCarol = users.send("alice", "carol", "c1").message();
        users.send("alice", "carol", "c2");
        assertEquals(toBob.seq(), toCarol.seq(), "both users at the same position");
        assertNotEquals(toBob.id(), toCarol.id(), "but not the same id");

        Replay<DirectMessage> foreign = users.catchUp("carol", toBob.id());
        assertEquals(Boolean.FALSE, foreign.recovered());
        assertEquals(List.of("c1", "c2"), foreign.messages().stream().map(DirectMessage::text).toList(),
                "the pending messages, as for any unknown id");

        Replay<DirectMessage> own = users.catchUp("carol", toCarol.id());
        assertEquals(Boolean.TRUE, own.recovered());
        assertEquals(List.of("c2"), own.messages().stream().map(DirectMessage::text).toList());
    }

    @Test
    public void aRoomIdUsedForAUserIsUnknown() {
        RoomMessage inRoom = rooms.publish("bob", "alice", "r1", new Origin("c1", null));
        users.send("alice", "bob", "d1");
        users.send("alice", "bob", "d2");
        assertEquals(Boolean.FALSE, users.catchUp("bob", inRoom.id()).recovered());
    }
}
