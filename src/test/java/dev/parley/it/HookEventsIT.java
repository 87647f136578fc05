package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.HookServer;
import dev.parley.testing.HookServer.Reply;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real HTTP server in the test JVM as the events URL: it gets the messages, joins and leaves accepted on
 * the node in batches, in order, and after a failure gets them again.
 */
public class HookEventsIT extends ParleyIT {
    /** Batches wait up to a second to fill; a retried one up to a few more. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger FAILURES_AHEAD = new AtomicInteger();
    private static final HookServer EVENTS = HookServer.start(call -> FAILURES_AHEAD.getAndDecrement() > 0
            ? new Reply(503, null, Duration.ZERO) : new Reply(204, null, Duration.ZERO));

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.hook.events", EVENTS.url().toString(),
                "parley.hook.key", "events-key"));
    }

    @AfterAll
    static void stopEvents() {
        EVENTS.close();
    }

    /** The events the server took (answered 2xx) that match, in the order posted, until there are {@code count}. */
    private static List<JsonObject> taken(Predicate<JsonObject> which, int count) throws InterruptedException {
        List<JsonObject> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count) {
            HookServer.Call call = EVENTS.nextCall(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertNotNull(call, "only " + events + " within " + WAIT);
            assertEquals("Bearer events-key", call.authorization());
            if (call.status() / 100 == 2) {
                call.body().getJsonArray("events").getValuesAs(JsonObject.class).stream().filter(which)
                        .forEach(events::add);
            }
        }
        return events;
    }

    private static Predicate<JsonObject> room(String room) {
        return e -> room.equals(e.getString("room", null));
    }

    @Test
    void messagesJoinsLeavesAndDirectMessagesArePostedInOrder() throws Exception {
        try (WsClient alice = WsClient.connect(base, "ws/room/events?name=alice")) {
            alice.next("welcome");
            try (WsClient bob = WsClient.connect(base, "ws/room/events?name=bob")) {
                bob.next("welcome");
                alice.send("{\"text\":\"one\"}");
                alice.next("message");
                bob.send("{\"text\":\"two\"}");
                alice.next("message");
                HttpResponse<String> posted = new ApiCalls(base, null).post("api/rooms/events/messages",
                        "{\"text\":\"three\",\"from\":\"ci\"}");
                assertEquals(201, posted.statusCode(), posted::body);
                alice.next("message");
            }
            alice.next("leave");
        }
        List<JsonObject> events = new ArrayList<>(taken(room("events"), 7));
        try (WsClient carol = WsClient.connect(base, "ws/user/carol")) {
            carol.next("welcome");
            carol.send("{\"to\":\"dave\",\"text\":\"psst\"}");
            carol.next("ack");
        }
        events.addAll(taken(e -> "dave".equals(e.getString("to", null)), 1));

        List<String> seen = events.stream().map(e -> e.getString("type") + " "
                + e.getString("text", e.getString("user", ""))).toList();
        assertEquals(List.of("join alice", "join bob", "message one", "message two", "message three", "leave bob",
                "leave alice", "message psst"), seen);
        JsonObject two = events.get(3);
        assertEquals("bob", two.getString("from"));
        assertTrue(two.getString("id").length() > 0);
        assertTrue(two.getString("ts").endsWith("Z"));
        JsonObject direct = events.get(7);
        assertEquals("carol", direct.getString("from"));
        assertEquals("dave", direct.getString("to"));
    }

    @Test
    void eventsThePostFailedForArePostedAgainOnceTheServerRecovers() throws Exception {
        FAILURES_AHEAD.set(2);
        HttpResponse<String> posted = new ApiCalls(base, null).post("api/rooms/retried/messages",
                "{\"text\":\"eventually\",\"from\":\"ci\"}");
        assertEquals(201, posted.statusCode(), posted::body);

        List<JsonObject> events = taken(room("retried"), 1);
        assertEquals("eventually", events.get(0).getString("text"));
        assertTrue(FAILURES_AHEAD.get() < 0, "the server refused twice before it took them");
    }
}
