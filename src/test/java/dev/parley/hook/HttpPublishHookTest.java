package dev.parley.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.ops.Metrics;
import dev.parley.testing.HookServer;
import dev.parley.testing.HookServer.Reply;
import dev.parley.wire.TextRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publish hook against a real HTTP server on loopback. */
class HttpPublishHookTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private HookServer server(Function<HookServer.Call, Reply> answer) {
        HookServer server = HookServer.start(answer);
        open.add(server);
        return server;
    }

    private PublishHook hook(URI url, String failure, int inflight, Duration timeout) {
        Hooks hooks = new Hooks(new HookConfig(url, "s3cret", timeout, inflight, failure.equals("accept"), null, 10),
                new TextRule(10), new Metrics(registry));
        open.add(0, hooks);
        return hooks.publishHook();
    }

    private PublishHook hook(URI url) {
        return hook(url, "refuse", 64, Duration.ofSeconds(2));
    }

    private static HookVerdict verdict(PublishHook hook, HookRequest request) throws InterruptedException {
        BlockingQueue<HookVerdict> verdicts = new LinkedBlockingQueue<>();
        hook.screen(request, verdicts::add);
        HookVerdict verdict = verdicts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(verdict, "a verdict within " + WAIT);
        return verdict;
    }

    private long calls(String result) {
        var timer = registry.find("parley.hook.calls").tag("result", result).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void theMessageIsPostedAsJsonWithTheKeyAndAcceptedAsSent() throws Exception {
        HookServer server = server(call -> Reply.ok("{\"result\":\"accept\"}"));
        HookVerdict verdict = verdict(hook(server.url()), HookRequest.room("lobby", "alice", "hi", null));

        assertEquals(new HookVerdict.Accept("hi", null), verdict);
        HookServer.Call call = server.nextCall(WAIT);
        assertEquals("Bearer s3cret", call.authorization());
        JsonObject body = call.body();
        assertEquals("room", body.getString("kind"));
        assertEquals("alice", body.getString("from"));
        assertEquals("lobby", body.getString("room"));
        assertEquals("hi", body.getString("text"));
        assertEquals(4, body.size(), "absent fields are left out: " + body);
        assertEquals(1, calls("accept"));
    }

    @Test
    void aDirectMessageNamesItsReceiver() throws Exception {
        HookServer server = server(call -> Reply.ok("{\"result\":\"accept\"}"));
        verdict(hook(server.url()), HookRequest.direct("alice", "bob", "hi", null));
        JsonObject body = server.nextCall(WAIT).body();
        assertEquals("direct", body.getString("kind"));
        assertEquals("bob", body.getString("to"));
        assertNull(body.get("room"));
    }

    @Test
    void theHookMayChangeTheTextWhichTheTextRuleChecksAgain() throws Exception {
        HookServer server = server(call -> Reply.ok(call.body().getString("text").equals("darn")
                ? "{\"result\":\"accept\",\"text\":\"d**n\"}" : "{\"result\":\"accept\",\"text\":\"far too long now\"}"));
        PublishHook hook = hook(server.url());

        assertEquals(new HookVerdict.Accept("d**n", null), verdict(hook, HookRequest.room("r", "a", "darn", null)));
        HookVerdict tooLong = verdict(hook, HookRequest.room("r", "a", "short", null));
        assertEquals("too_long", ((HookVerdict.Refuse) tooLong).code());
        assertEquals(2, calls("changed"));
    }

    @Test
    void aRefusalCarriesTheHooksCode() throws Exception {
        HookServer server = server(call -> Reply.ok("{\"result\":\"refuse\",\"code\":\"bad_word\",\"message\":\"no\"}"));
        assertEquals(new HookVerdict.Refuse("bad_word", "no"),
                verdict(hook(server.url()), HookRequest.room("r", "a", "darn", null)));
        assertEquals(1, calls("refuse"));
    }

    @Test
    void anotherStatusOrAnUnreadableAnswerRefusesAsUnavailable() throws Exception {
        HookServer server = server(call -> call.body().getString("text").equals("500")
                ? new Reply(500, "{\"result\":\"accept\"}", Duration.ZERO) : Reply.ok("accept, I guess"));
        PublishHook hook = hook(server.url());
        assertEquals("unavailable", ((HookVerdict.Refuse) verdict(hook, HookRequest.room("r", "a", "500", null))).code());
        assertEquals("unavailable", ((HookVerdict.Refuse) verdict(hook, HookRequest.room("r", "a", "x", null))).code());
        assertEquals(2, calls("error"));
    }

    @Test
    void aHookTooSlowRefusesAsUnavailableOrWithFailureAcceptAccepts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HookServer server = server(call -> {
            await(release);
            return Reply.ok("{\"result\":\"refuse\"}");
        });
        try {
            HookVerdict refused = verdict(hook(server.url(), "refuse", 64, Duration.ofMillis(200)),
                    HookRequest.room("r", "a", "hi", null));
            assertEquals("unavailable", ((HookVerdict.Refuse) refused).code());
            HookVerdict accepted = verdict(hook(server.url(), "accept", 64, Duration.ofMillis(200)),
                    HookRequest.room("r", "a", "hi", null));
            assertEquals(new HookVerdict.Accept("hi", null), accepted);
            assertEquals(2, calls("timeout"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aHookThatIsDownRefusesAsUnavailable() throws Exception {
        HookVerdict verdict = verdict(hook(HookServer.nowhere()), HookRequest.room("r", "a", "hi", null));
        assertEquals(new HookVerdict.Refuse("unavailable", "the message was not accepted; try again"), verdict);
        assertEquals(1, calls("error"));
    }

    @Test
    void pastTheCallsInFlightAMessageIsRefusedAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HookServer server = server(call -> {
            await(release);
            return Reply.ok("{\"result\":\"accept\"}");
        });
        PublishHook hook = hook(server.url(), "refuse", 1, Duration.ofSeconds(5));
        BlockingQueue<HookVerdict> first = new LinkedBlockingQueue<>();
        hook.screen(HookRequest.room("one", "a", "first", null), first::add);
        assertNotNull(server.nextArrival(WAIT), "the first call is under way");

        assertEquals("unavailable", ((HookVerdict.Refuse) verdict(hook, HookRequest.room("two", "a", "second", null))).code());
        assertEquals(1, calls("busy"));
        release.countDown();
        assertEquals(new HookVerdict.Accept("first", null), first.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(new HookVerdict.Accept("third", null), verdict(hook, HookRequest.room("two", "a", "third", null)),
                "the call's place is free again once it answered");
    }

    @Test
    void verdictsOfARoomComeInTheOrderOfItsMessagesWhenTheHookAnswersOutOfOrder() throws Exception {
        int count = 5;
        // the first message is answered last, the last first
        HookServer server = server(call -> Reply.ok("{\"result\":\"accept\"}").after(Duration.ofMillis(
                100L * (count - Integer.parseInt(call.body().getString("text"))))));
        PublishHook hook = hook(server.url());
        BlockingQueue<HookVerdict> verdicts = new LinkedBlockingQueue<>();
        for (int i = 0; i < count; i++) {
            hook.screen(HookRequest.room("order", "a", Integer.toString(i), null), verdicts::add);
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HookVerdict verdict = verdicts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(verdict);
            texts.add(((HookVerdict.Accept) verdict).text());
        }
        assertEquals(List.of("0", "1", "2", "3", "4"), texts);
    }

    @Test
    void withoutAHookEveryMessageIsAcceptedAtOnceOnTheCallersThread() {
        Hooks none = new Hooks(HookConfig.NONE, new TextRule(10), new Metrics(registry));
        List<HookVerdict> verdicts = new ArrayList<>();
        none.publishHook().screen(HookRequest.room("r", "a", "hi", null), verdicts::add);
        assertEquals(List.of(new HookVerdict.Accept("hi", null)), verdicts);
        none.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
