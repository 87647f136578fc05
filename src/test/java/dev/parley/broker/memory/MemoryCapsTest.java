package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.broker.BrokerSettings;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Origin;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory broker's caps on rooms and users: what is idle or settled makes room for what is new, and
 * when nothing is, the new room's message or the new user's message is refused, nothing lost.
 */
class MemoryCapsTest {
    private static final Origin ORIGIN = new Origin("c1", null);

    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(
            BrokerSettings.of(10, 10, Duration.ofDays(30)).withCaps(3, 2), clock);
    private final RoomBus rooms = broker.rooms();
    private final UserBus users = broker.users();

    @AfterEach
    void close() {
        broker.close();
    }

    private List<String> history(String room) {
        return rooms.snapshot(room, null, 10).history().messages().stream().map(RoomMessage::text).toList();
    }

    private List<String> pending(String user) {
        return users.pending(user).messages().stream().map(DirectMessage::text).toList();
    }

    private void publishLater(String room, String text) {
        clock.advance(Duration.ofSeconds(1));
        rooms.publish(room, "alice", text, ORIGIN);
    }

    @Test
    void aNewRoomAtTheCapTakesTheHistoryOfTheRoomActiveLeastRecently() {
        publishLater("one", "1");
        publishLater("two", "2");
        publishLater("three", "3");
        publishLater("one", "1 again"); // now two is the least recently active

        publishLater("four", "4");

        assertEquals(3, broker.roomsHeld());
        assertEquals(List.of(), history("two"));
        assertEquals(List.of("1", "1 again"), history("one"));
        assertEquals(List.of("3"), history("three"));
        assertEquals(List.of("4"), history("four"));
    }

    @Test
    void aRoomWithMembersOrAListeningNodeIsNeverTaken() {
        rooms.enter("one", "alice");
        publishLater("one", "1");
        Subscription listening = rooms.subscribe("two", e -> { });
        publishLater("two", "2");
        publishLater("three", "3");

        publishLater("four", "4");

        assertEquals(List.of(), history("three"), "the only room with nobody in it and nobody listening");
        assertEquals(List.of("1"), history("one"));
        assertEquals(List.of("2"), history("two"));
        listening.close();
    }

    @Test
    void whenEveryRoomHasMembersAMessageToANewRoomIsRefusedAndJoiningIsNot() {
        rooms.enter("one", "alice");
        rooms.enter("two", "bob");
        rooms.enter("three", "carol");
        publishLater("one", "1");

        BrokerUnavailableException refused = assertThrows(BrokerUnavailableException.class,
                () -> rooms.publish("four", "dave", "4", ORIGIN));

        assertEquals(List.of(), history("four"));
        assertEquals(List.of("1"), history("one"));
        assertEquals(3, broker.roomsHeld(), refused.getMessage());
        rooms.enter("four", "dave");
        assertEquals(4, broker.roomsHeld(), "members are bounded by the connections, not by the cap");
    }

    @Test
    void aNewUserAtTheCapTakesTheEntryOfAUserWhoseMessagesWereAllDelivered() {
        users.send("alice", "bob", "for bob");
        users.online("carol");
        DirectMessage toCarol = users.send("alice", "carol", "for carol").message();
        users.delivered("carol", toCarol.seq());
        users.offline("carol");

        users.send("alice", "dave", "for dave");

        assertEquals(2, broker.usersHeld());
        assertEquals(List.of("for bob"), pending("bob"));
        assertEquals(List.of("for dave"), pending("dave"));
        Replay<DirectMessage> carol = users.catchUp("carol", toCarol.id());
        assertEquals(Boolean.FALSE, carol.recovered(), "carol's delivered message went to make room");
        assertEquals(List.of(), carol.messages());
    }

    @Test
    void whenEveryUserHasAMessageToDeliverAMessageToANewUserIsRefusedNothingLost() {
        users.send("alice", "bob", "for bob");
        users.online("carol");
        users.send("alice", "carol", "for carol, streamed but not yet written");

        assertThrows(BrokerUnavailableException.class, () -> users.send("alice", "dave", "for dave"));

        assertEquals(List.of("for bob"), pending("bob"));
        assertEquals(List.of("for carol, streamed but not yet written"), pending("carol"));
        assertEquals(List.of(), pending("dave"));
        assertEquals(2, broker.undelivered());
        assertEquals(2, broker.usersHeld());
    }

    @Test
    void aRefusalIsNotRescannedWithinASecondThenTheSettledUserMakesRoom() {
        users.send("alice", "bob", "for bob");
        DirectMessage toCarol = users.send("alice", "carol", "for carol").message();
        assertThrows(BrokerUnavailableException.class, () -> users.send("alice", "dave", "for dave"));
        users.online("carol");
        users.delivered("carol", toCarol.seq());
        users.offline("carol");

        assertThrows(BrokerUnavailableException.class, () -> users.send("alice", "dave", "within the second"));
        clock.advance(Duration.ofSeconds(1));
        users.send("alice", "dave", "a second later");

        assertEquals(List.of("a second later"), pending("dave"));
        assertEquals(List.of("for bob"), pending("bob"));
        assertEquals(2, broker.usersHeld());
    }

    @Test
    void aRoomOrAUserThatCameBackReusesNoId() {
        RoomMessage before = rooms.publish("one", "alice", "hi", ORIGIN);
        users.online("bob");
        DirectMessage sent = users.send("alice", "bob", "hi").message();
        users.delivered("bob", sent.seq());
        users.offline("bob");
        clock.advance(Duration.ofDays(31));
        broker.sweep();
        assertEquals(0, broker.topics());

        RoomMessage after = rooms.publish("one", "alice", "back", ORIGIN);
        DirectMessage again = users.send("alice", "bob", "back").message();

        assertNotEquals(before.id(), after.id());
        assertEquals(Boolean.FALSE, rooms.snapshot("one", before.id(), 10).history().recovered());
        assertNotEquals(sent.id(), again.id());
        assertEquals(Boolean.FALSE, users.catchUp("bob", sent.id()).recovered());
    }
}
