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
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real HTTP server in the test JVM as the application's publish hook: it refuses a word, shouts what
 * starts with {@code shout:}, is too slow in room {@code slow}, and answers room {@code order}'s messages
 * last first. Members see what it decided, in the order the messages were sent.
 */
public class PublishHookIT extends ParleyIT {
    private static final int ORDERED = 5;
    private static final HookServer HOOK = HookServer.start(PublishHookIT::decide);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.hook.url", HOOK.url().toString(),
                "parley.hook.key", "hook-key", "parley.hook.timeout", "1s"));
    }

    @AfterAll
    static void stopHook() {
        HOOK.close();
    }

    private static Reply decide(HookServer.Call call) {
        JsonObject m = call.body();
        String text = m.getString("text");
        if (text.contains("darn")) {
            return Reply.ok("{\"result\":\"refuse\",\"code\":\"bad_word\",\"message\":\"mind your words\"}");
        }
        if (text.startsWith("shout:")) {
            return Reply.ok("{\"result\":\"accept\",\"text\":\"" + text.substring(6).toUpperCase(Locale.ROOT) + "\"}");
        }
        if ("slow".equals(m.getString("room", null))) {
            return Reply.ok("{\"result\":\"accept\"}").after(Duration.ofSeconds(3));
        }
        if ("order".equals(m.getString("room", null))) {
            return Reply.ok("{\"result\":\"accept\"}").after(Duration.ofMillis(150L * (ORDERED - Integer.parseInt(text))));
        }
        return Reply.ok("{\"result\":\"accept\"}");
    }

    /** The next call the hook answered about {@code room}, skipping those of other rooms. */
    private static HookServer.Call nextCallFrom(String room) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (true) {
            HookServer.Call call = HOOK.nextCall(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertNotNull(call, "a call about room " + room);
            if (room.equals(call.body().getString("room", null))) {
                return call;
            }
        }
    }

    @Test
    void aRefusedMessageIsAnErrorToItsSenderAndReachesNobody() {
        try (WsClient alice = WsClient.connect(base, "ws/room/moderated?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/moderated?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"text\":\"oh darn\",\"ref\":\"r1\"}");
            JsonObject error = alice.next("error");
            assertEquals("bad_word", error.getString("code"));
            assertEquals("mind your words", error.getString("message"));
            assertEquals("r1", error.getString("ref"));

            alice.send("{\"text\":\"fine\",\"ref\":\"r2\"}");
            JsonObject first = bob.next();
            assertEquals("message", first.getString("type"), "bob's first frame after his welcome: " + first);
            assertEquals("fine", first.getString("text"));
            assertEquals("fine", alice.next("message").getString("text"));
        }
    }

    @Test
    void membersReceiveTheTextAsTheHookChangedIt() {
        try (WsClient alice = WsClient.connect(base, "ws/room/loud?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/loud?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"text\":\"shout:hello\",\"ref\":\"s1\"}");
            assertEquals("HELLO", bob.next("message").getString("text"));
            JsonObject own = alice.next("message");
            assertEquals("HELLO", own.getString("text"));
            assertEquals("s1", own.getString("ref"));
        }
    }

    @Test
    void theHookGetsEachClientMessageWithTheKey() throws Exception {
        try (WsClient alice = WsClient.connect(base, "ws/room/asked?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"hello hook\"}");
            alice.next("message");
        }
        HookServer.Call call = nextCallFrom("asked");
        assertEquals("Bearer hook-key", call.authorization());
        assertEquals("room", call.body().getString("kind"));
        assertEquals("asked", call.body().getString("room"));
        assertEquals("alice", call.body().getString("from"));
        assertEquals("hello hook", call.body().getString("text"));
    }

    @Test
    void aDirectMessageIsRefusedOrChangedLikeARoomMessage() {
        try (WsClient alice = WsClient.connect(base, "ws/user/alice");
             WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"to\":\"bob\",\"text\":\"darn you\",\"ref\":\"d1\"}");
            JsonObject error = alice.next("error");
            assertEquals("bad_word", error.getString("code"));
            assertEquals("d1", error.getString("ref"));

            alice.send("{\"to\":\"bob\",\"text\":\"shout:psst\",\"ref\":\"d2\"}");
            JsonObject ack = alice.next("ack");
            assertEquals("d2", ack.getString("ref"));
            JsonObject first = bob.next();
            assertEquals("message", first.getString("type"), "bob's first frame after his welcome: " + first);
            assertEquals("PSST", first.getString("text"));
            assertEquals(ack.getString("id"), first.getString("id"));
        }
    }

    @Test
    void aHookTooSlowRefusesAsUnavailableAndNothingIsPublished() {
        try (WsClient alice = WsClient.connect(base, "ws/room/slow?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"anyone?\",\"ref\":\"t1\"}");
            JsonObject error = alice.next("error");
            assertEquals("unavailable", error.getString("code"));
            assertEquals("t1", error.getString("ref"));
        }
        HttpResponse<String> history = new ApiCalls(base, null).get("api/rooms/slow/history");
        assertTrue(ApiCalls.json(history).getJsonArray("messages").isEmpty(), history.body());
    }

    @Test
    void aRoomsMessagesArePublishedInTheOrderSentWhenTheHookAnswersOutOfOrder() {
        try (WsClient alice = WsClient.connect(base, "ws/room/order?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/order?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            for (int i = 0; i < ORDERED; i++) {
                alice.send("{\"text\":\"" + i + "\"}");
            }
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < ORDERED; i++) {
                seen.add(bob.next("message").getString("text"));
            }
            assertEquals(List.of("0", "1", "2", "3", "4"), seen);
        }
    }

    @Test
    void hookCallsAreCountedByResult() {
        Scrape before = Scrape.of(base);
        try (WsClient alice = WsClient.connect(base, "ws/room/counted?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"darn\"}");
            alice.next("error");
            alice.send("{\"text\":\"shout:yes\"}");
            alice.next("message");
            alice.send("{\"text\":\"plain\"}");
            alice.next("message");
        }
        Scrape after = Scrape.of(base);
        for (String result : List.of("refuse", "changed", "accept")) {
            String label = "result=\"" + result + "\"";
            assertTrue(after.sum("parley_hook_calls_seconds_count", label)
                    >= before.sum("parley_hook_calls_seconds_count", label) + 1, result);
        }
    }

    @Test
    void messagesPostedThroughTheServerApiAreNotSentToTheHook() throws Exception {
        try (WsClient bob = WsClient.connect(base, "ws/room/backend?name=bob")) {
            bob.next("welcome");
                HttpResponse<String> posted = new ApiCalls(base, null).post("api/rooms/backend/messages",
                    "{\"text\":\"darn build\",\"from\":\"ci\"}");
            assertEquals(201, posted.statusCode(), posted::body);
            assertEquals("darn build", bob.next("message").getString("text"), "the hook would have refused it");
            bob.send("{\"text\":\"after\"}");
            assertEquals("after", bob.next("message").getString("text"));
        }
        assertEquals("after", nextCallFrom("backend").body().getString("text"),
                "the first call the hook got from the room is bob's");
    }
}
