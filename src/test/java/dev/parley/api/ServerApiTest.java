package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.BrokerSettings;
import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.DirectMessage;
import dev.parley.broker.Disconnects;
import dev.parley.broker.Origin;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.RoomPage;
import dev.parley.broker.RoomSnapshot;
import dev.parley.broker.Subscription;
import dev.parley.broker.UserBus;
import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.direct.Users;
import dev.parley.ops.Metrics;
import dev.parley.room.Rooms;
import dev.parley.wire.DataRule;
import dev.parley.wire.Limits;
import dev.parley.wire.MessageFrame;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's operations on the memory broker (and one that is down), without HTTP. */
class ServerApiTest {
    private static final Limits LIMITS = new Limits(10, 8192, 512, 7, 9);
    private final MemoryBroker broker = new MemoryBroker(3, 2, Duration.ofDays(1), Clock.systemUTC());
    private final Metrics metrics = new Metrics(new SimpleMeterRegistry());
    private final Hub hub = Hubs.policy().hub(metrics);
    private final TextRule textRule = new TextRule(10);
    private final ServerApi api = new ServerApi(new Rooms(broker.rooms(), hub, textRule, 500, LIMITS),
            new Users(broker.users(), hub, textRule, metrics, LIMITS), broker.disconnects(), textRule);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void aRoomPostIsKeptInTheHistoryUnderItsSender() {
        ApiReplies.Posted posted = api.postToRoom("ci", new PostedMessage("build ok", "ci-bot"));
        ApiReplies.History history = api.history("ci", HistoryQuery.of(null, null));
        assertEquals(1, history.messages().size());
        assertEquals(posted.id(), history.messages().get(0).id());
        assertEquals(posted.ts(), history.messages().get(0).ts());
        assertEquals("ci-bot", history.messages().get(0).from());
        assertNull(history.messages().get(0).ref());
        assertNull(history.recovered());
    }

    @Test
    void historyTakesTheNewestUpToTheLimitAndResumesAfterSince() {
        String first = api.postToRoom("r", new PostedMessage("one", "a")).id();
        api.postToRoom("r", new PostedMessage("two", "a"));
        api.postToRoom("r", new PostedMessage("three", "a"));
        assertEquals(List.of("three"), texts(api.history("r", HistoryQuery.of(null, "1"))));
        ApiReplies.History since = api.history("r", HistoryQuery.of(first, null));
        assertEquals(List.of("two", "three"), texts(since));
        assertTrue(since.recovered());
    }

    @Test
    void theTextRuleRefusesAndNothingIsPosted() {
        ApiProblem tooLong = assertThrows(ApiProblem.class,
                () -> api.postToRoom("r", new PostedMessage("eleven chars", "a")));
        assertEquals(400, tooLong.status());
        assertEquals("too_long", tooLong.code());
        ApiProblem empty = assertThrows(ApiProblem.class, () -> api.sendToUser("bob", new PostedMessage(" ", "shop")));
        assertEquals("empty", empty.code());
        assertTrue(api.history("r", HistoryQuery.of(null, null)).messages().isEmpty());
        assertEquals(0, broker.users().pending("bob").messages().size());
    }

    @Test
    void dataIsPostedAndComesBackInTheHistoryAsSent() {
        JsonObject data = Json.createObjectBuilder().add("build", 42).add("ok", true).build();
        String id = api.postToRoom("ci", new PostedMessage(null, data, "ci-bot")).id();
        api.postToRoom("ci", new PostedMessage("plain", "ci-bot"));
        List<MessageFrame> history = api.history("ci", HistoryQuery.of(null, null)).messages();
        assertEquals(id, history.get(0).id());
        assertEquals(data, history.get(0).data());
        assertNull(history.get(0).text());
        assertNull(history.get(1).data());
        assertEquals("stored", api.sendToUser("bob", new PostedMessage("with data", data, "shop")).status());
        assertEquals(data, broker.users().pending("bob").messages().get(0).data());
    }

    @Test
    void dataOverItsLimitIs400DataTooLargeAndNothingIsPosted() {
        ServerApi small = new ServerApi(new Rooms(broker.rooms(), hub, textRule, 500, LIMITS),
                new Users(broker.users(), hub, textRule, metrics, LIMITS), broker.disconnects(),
                new TextRule(10, new DataRule(16)));
        JsonObject over = Json.createObjectBuilder().add("s", "123456789").build();
        ApiProblem room = assertThrows(ApiProblem.class, () -> small.postToRoom("r", new PostedMessage(null, over, "a")));
        assertEquals(400, room.status());
        assertEquals("data_too_large", room.code());
        ApiProblem user = assertThrows(ApiProblem.class,
                () -> small.sendToUser("bob", new PostedMessage("hi", over, "shop")));
        assertEquals("data_too_large", user.code());
        assertTrue(api.history("r", HistoryQuery.of(null, null)).messages().isEmpty());
        assertEquals(0, broker.users().pending("bob").messages().size());
    }

    @Test
    void aDirectMessageToAnOfflineUserIsStoredUntilTheInboxIsFull() {
        assertEquals("stored", api.sendToUser("bob", new PostedMessage("one", "shop")).status());
        assertEquals("stored", api.sendToUser("bob", new PostedMessage("two", "shop")).status());
        ApiProblem full = assertThrows(ApiProblem.class, () -> api.sendToUser("bob", new PostedMessage("3", "shop")));
        assertEquals(409, full.status());
        assertEquals("inbox_full", full.code());
        assertEquals(2, broker.users().pending("bob").messages().size());
    }

    @Test
    void aBrokerThatIsDownIs503() {
        ServerApi down = new ServerApi(new Rooms(new DownRooms(), hub, textRule, 500, LIMITS),
                new Users(new DownUsers(), hub, textRule, metrics, LIMITS), new DownDisconnects(), textRule);
        for (Runnable call : List.<Runnable>of(
                () -> down.postToRoom("r", new PostedMessage("hi", "a")),
                () -> down.sendToUser("bob", new PostedMessage("hi", "a")),
                () -> down.presence("r"),
                () -> down.history("r", HistoryQuery.of(null, null)),
                () -> down.inbox("bob"),
                () -> down.rooms(RoomsQuery.of(null, null)),
                () -> down.disconnect("bob", new DisconnectRequest(4403, "bye")))) {
            ApiProblem problem = assertThrows(ApiProblem.class, call::run);
            assertEquals(503, problem.status());
            assertEquals("unavailable", problem.code());
        }
        ApiReplies.Broadcasted each = down.broadcast(new Broadcast(List.of("r"), List.of("bob"),
                new PostedMessage("hi", "a")));
        assertEquals(List.of("unavailable", "unavailable"), each.results().stream().map(r -> r.error()).toList());
    }

    @Test
    void aNodeFullOfBusyRoomsAndUsersAnswersANewOne503AndLosesNothing() {
        MemoryBroker full = new MemoryBroker(BrokerSettings.of(3, 2, Duration.ofDays(1)).withCaps(1, 1),
                Clock.systemUTC());
        try {
            ServerApi capped = new ServerApi(new Rooms(full.rooms(), hub, textRule, 500, LIMITS),
                    new Users(full.users(), hub, textRule, metrics, LIMITS), full.disconnects(), textRule);
            full.rooms().enter("busy", "alice");
            capped.sendToUser("bob", new PostedMessage("waiting", "shop"));

            ApiProblem room = assertThrows(ApiProblem.class, () -> capped.postToRoom("new", new PostedMessage("hi", "a")));
            ApiProblem user = assertThrows(ApiProblem.class, () -> capped.sendToUser("carol", new PostedMessage("hi", "a")));

            assertEquals(List.of(503, 503), List.of(room.status(), user.status()));
            assertEquals(List.of("unavailable", "unavailable"), List.of(room.code(), user.code()));
            assertEquals(1, full.users().pending("bob").messages().size(), "bob's message is still waiting");
            assertEquals(1, full.rooms().snapshot("busy", null, 10).roster().count(), "alice is still in busy");
            assertEquals(List.of(), capped.history("new", HistoryQuery.of(null, null)).messages());
        } finally {
            full.close();
        }
    }

    @Test
    void aBroadcastAnswersForEveryTargetOnItsOwn() {
        api.sendToUser("full", new PostedMessage("1", "shop"));
        api.sendToUser("full", new PostedMessage("2", "shop"));
        ApiReplies.Broadcasted sent = api.broadcast(new Broadcast(List.of("a", "b"), List.of("bob", "full"),
                new PostedMessage("hello", "ops")));
        List<ApiReplies.TargetResult> results = sent.results();
        assertEquals(4, results.size());
        assertEquals("a", results.get(0).room());
        assertEquals(api.history("a", HistoryQuery.of(null, null)).messages().get(0).id(), results.get(0).id());
        assertEquals("b", results.get(1).room());
        assertEquals("bob", results.get(2).user());
        assertEquals("stored", results.get(2).status());
        assertEquals("full", results.get(3).user());
        assertEquals("inbox_full", results.get(3).error());
        assertNull(results.get(3).id());
        assertEquals(1, api.inbox("bob").pending());
        assertEquals(2, api.inbox("full").pending());
    }

    @Test
    void aBroadcastWithABadTextPostsNothing() {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> api.broadcast(new Broadcast(List.of("a"),
                List.of("bob"), new PostedMessage("eleven chars", "ops"))));
        assertEquals("too_long", problem.code());
        assertTrue(api.history("a", HistoryQuery.of(null, null)).messages().isEmpty());
        assertEquals(0, api.inbox("bob").pending());
    }

    @Test
    void roomsAreListedByNameWithTheirMembersInPages() {
        for (String room : List.of("c", "a", "b")) {
            broker.rooms().enter(room, "alice");
        }
        broker.rooms().enter("b", "bob");
        ApiReplies.Rooms first = api.rooms(RoomsQuery.of(null, "2"));
        assertEquals(List.of(new ApiReplies.RoomCount("a", 1), new ApiReplies.RoomCount("b", 2)), first.rooms());
        assertEquals("b", first.next());
        ApiReplies.Rooms last = api.rooms(RoomsQuery.of(first.next(), "2"));
        assertEquals(List.of(new ApiReplies.RoomCount("c", 1)), last.rooms());
        assertNull(last.next());
    }

    @Test
    void aDisconnectIsHandedToTheBrokersListeners() {
        List<dev.parley.broker.Disconnect> heard = new java.util.ArrayList<>();
        try (Subscription s = broker.disconnects().subscribe(heard::add)) {
            ApiReplies.Disconnecting reply = api.disconnect("bob", new DisconnectRequest(4403, "banned"));
            assertEquals(new ApiReplies.Disconnecting("bob", 4403, "banned"), reply);
        }
        assertEquals(List.of(new dev.parley.broker.Disconnect("bob", 4403, "banned")), heard);
    }

    private static List<String> texts(ApiReplies.History history) {
        return history.messages().stream().map(m -> m.text()).toList();
    }

    private static BrokerUnavailableException down() {
        return new BrokerUnavailableException("down", null);
    }

    /** Rooms of a broker that cannot be reached. */
    private static final class DownRooms implements RoomBus {
        @Override
        public Subscription subscribe(String room, Consumer<RoomEvent> listener) {
            throw down();
        }

        @Override
        public RoomMessage publish(String room, String from, String text, JsonObject data, Origin origin) {
            throw down();
        }

        @Override
        public Entered enter(String room, String name) {
            throw down();
        }

        @Override
        public Left leave(String room, String name) {
            throw down();
        }

        @Override
        public RoomSnapshot snapshot(String room, String sinceId, int rosterLimit) {
            throw down();
        }

        @Override
        public RoomPage active(String after, int limit) {
            throw down();
        }
    }

    /** Disconnects through a broker that cannot be reached. */
    private static final class DownDisconnects implements Disconnects {
        @Override
        public void request(dev.parley.broker.Disconnect disconnect) {
            throw down();
        }

        @Override
        public Subscription subscribe(Consumer<dev.parley.broker.Disconnect> listener) {
            throw down();
        }
    }

    /** Direct messages of a broker that cannot be reached. */
    private static final class DownUsers implements UserBus {
        @Override
        public Subscription subscribe(String user, Consumer<DirectMessage> listener) {
            throw down();
        }

        @Override
        public void online(String user) {
            throw down();
        }

        @Override
        public void offline(String user) {
            throw down();
        }

        @Override
        public Sent send(String from, String to, String text, JsonObject data) {
            throw down();
        }

        @Override
        public void delivered(String user, long seq) {
            throw down();
        }

        @Override
        public Replay<DirectMessage> pending(String user) {
            throw down();
        }

        @Override
        public Replay<DirectMessage> catchUp(String user, String sinceId) {
            throw down();
        }
    }
}
