package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server API with no key set: messages into rooms and to users, broadcasts, presence, history, active
 * rooms, inboxes, disconnects, idempotency keys, and every refusal.
 */
public class ServerApiIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.text.max", "10", "parley.frame.max", "1024",
                "parley.inbox.size", "2"));
    }

    private ApiCalls api() {
        return new ApiCalls(base, null);
    }

    @Test
    void aPostTakesItsPlaceInTheRoomsOrderAndMembersSeeItLikeAnySenders() {
        try (WsClient alice = WsClient.connect(base, "ws/room/ci?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"before\"}");
            // the frame is handled on the server's own time: the post comes once it is in the room
            assertEquals("before", alice.next("message").getString("text"));
            HttpResponse<String> posted = api().post("api/rooms/ci/messages", "{\"text\":\"build ok\",\"from\":\"ci-bot\"}");
            alice.send("{\"text\":\"after\"}");

            assertEquals(201, posted.statusCode(), posted::body);
            assertTrue(posted.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonObject reply = ApiCalls.json(posted);
            JsonObject message = alice.next("message");
            assertEquals("build ok", message.getString("text"));
            assertEquals("ci-bot", message.getString("from"));
            assertEquals("ci", message.getString("room"));
            assertEquals(reply.getString("id"), message.getString("id"));
            assertEquals(reply.getString("ts"), message.getString("ts"));
            assertFalse(message.containsKey("ref"));
            assertEquals("after", alice.next("message").getString("text"));
        }
    }

    @Test
    void presenceListsTheRoomsMembers() {
        try (WsClient alice = WsClient.connect(base, "ws/room/seen?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/seen?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            HttpResponse<String> response = api().get("api/rooms/seen/presence");
            assertEquals(200, response.statusCode(), response::body);
            JsonObject presence = ApiCalls.json(response);
            assertEquals("seen", presence.getString("room"));
            assertEquals(2, presence.getInt("count"));
            assertEquals(Set.of("alice", "bob"), presence.getJsonArray("members").getValuesAs(
                    JsonString.class).stream().map(JsonString::getString)
                    .collect(Collectors.toSet()));
        }
        JsonObject empty = ApiCalls.json(api().get("api/rooms/nobody-here/presence"));
        assertEquals(0, empty.getInt("count"));
        assertTrue(empty.getJsonArray("members").isEmpty());
    }

    @Test
    void historyGivesTheKeptMessagesWithLimitAndSince() {
        String first = ApiCalls.json(api().post("api/rooms/past/messages", "{\"text\":\"one\",\"from\":\"a\"}")).getString("id");
        api().post("api/rooms/past/messages", "{\"text\":\"two\",\"from\":\"b\"}");
        api().post("api/rooms/past/messages", "{\"text\":\"three\",\"from\":\"c\"}");

        JsonArray all = ApiCalls.json(api().get("api/rooms/past/history")).getJsonArray("messages");
        assertEquals(List.of("one", "two", "three"), texts(all));
        assertEquals(first, all.getJsonObject(0).getString("id"));
        assertEquals("a", all.getJsonObject(0).getString("from"));

        assertEquals(List.of("two", "three"),
                texts(ApiCalls.json(api().get("api/rooms/past/history?limit=2")).getJsonArray("messages")));
        JsonObject since = ApiCalls.json(api().get("api/rooms/past/history?since=" + first));
        assertTrue(since.getBoolean("recovered"));
        assertEquals(List.of("two", "three"), texts(since.getJsonArray("messages")));
        JsonObject unknown = ApiCalls.json(api().get("api/rooms/past/history?since=nonsense-1"));
        assertFalse(unknown.getBoolean("recovered"), "an unknown id is not recovered, as in a resume");
    }

    @Test
    void aMessageToAnOfflineUserIsStoredAndWaitsForItsConnection() {
        HttpResponse<String> sent = api().post("api/users/carol/messages", "{\"text\":\"shipped\",\"from\":\"shop\"}");
        assertEquals(201, sent.statusCode(), sent::body);
        JsonObject reply = ApiCalls.json(sent);
        assertEquals("stored", reply.getString("status"));

        try (WsClient carol = WsClient.connect(base, "ws/user/carol")) {
            assertEquals(1, carol.next("welcome").getInt("pending"));
            JsonObject message = carol.next("message");
            assertEquals(reply.getString("id"), message.getString("id"));
            assertEquals("shop", message.getString("from"));
            assertEquals("carol", message.getString("to"));
            assertEquals("shipped", message.getString("text"));
        }
    }

    @Test
    void aMessageToAnOnlineUserIsDelivered() {
        try (WsClient dave = WsClient.connect(base, "ws/user/dave")) {
            dave.next("welcome");
            HttpResponse<String> sent = api().post("api/users/dave/messages", "{\"text\":\"hi dave\",\"from\":\"shop\"}");
            assertEquals(201, sent.statusCode(), sent::body);
            JsonObject reply = ApiCalls.json(sent);
            assertEquals("delivered", reply.getString("status"));
            JsonObject message = dave.next("message");
            assertEquals(reply.getString("id"), message.getString("id"));
            assertEquals("hi dave", message.getString("text"));
        }
    }

    @Test
    void aFullInboxIs409AndStoresNothing() {
        assertEquals(201, api().post("api/users/erin/messages", "{\"text\":\"1\",\"from\":\"shop\"}").statusCode());
        assertEquals(201, api().post("api/users/erin/messages", "{\"text\":\"2\",\"from\":\"shop\"}").statusCode());
        HttpResponse<String> full = api().post("api/users/erin/messages", "{\"text\":\"3\",\"from\":\"shop\"}");
        assertEquals(409, full.statusCode(), full::body);
        assertEquals("inbox_full", ApiCalls.json(full).getString("error"));
        try (WsClient erin = WsClient.connect(base, "ws/user/erin")) {
            assertEquals(2, erin.next("welcome").getInt("pending"));
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "400 | bad_json               | POST | api/rooms/r/messages  | application/json | not json",
        "400 | bad_json               | POST | api/rooms/r/messages  | application/json | {\"text\":\"a\",\"from\":\"b\"} x",
        "400 | bad_request            | POST | api/rooms/r/messages  | application/json | {\"text\":5,\"from\":\"b\"}",
        "400 | bad_request            | POST | api/rooms/r/messages  | application/json | {\"text\":\"hi\",\"from\":\"a b\"}",
        "400 | bad_request            | POST | api/users/" + CloseCodesIT.USER_ID_TOO_LONG
                + "/messages | application/json | {\"text\":\"hi\",\"from\":\"shop\"}",
        "400 | empty                  | POST | api/users/bob/messages | application/json | {\"text\":\" \",\"from\":\"shop\"}",
        "400 | too_long               | POST | api/rooms/r/messages  | application/json | {\"text\":\"eleven chars\",\"from\":\"b\"}",
        "415 | unsupported_media_type | POST | api/rooms/r/messages  | text/plain       | {\"text\":\"hi\",\"from\":\"b\"}",
        "404 | not_found              | GET  | api/room               |                  | ",
        "404 | not_found              | GET  | api/rooms/r            |                  | ",
        "400 | bad_request            | POST | api/broadcast          | application/json | {\"rooms\":[],\"text\":\"hi\",\"from\":\"b\"}",
        "400 | bad_request            | POST | api/broadcast          | application/json | {\"rooms\":[\"a b\"],\"text\":\"hi\",\"from\":\"b\"}",
        "400 | too_long               | POST | api/broadcast          | application/json | {\"rooms\":[\"r\"],\"text\":\"eleven chars\",\"from\":\"b\"}",
        "415 | unsupported_media_type | POST | api/broadcast          | text/plain       | {}",
        "405 | method_not_allowed     | GET  | api/broadcast          |                  | ",
        "400 | bad_request            | POST | api/users/u/disconnect | application/json | {\"code\":1001}",
        "400 | bad_request            | POST | api/users/u/disconnect | application/json | {\"code\":4403,\"reason\":5}",
        "400 | bad_json               | POST | api/users/u/disconnect | application/json | [4403]",
        "405 | method_not_allowed     | GET  | api/users/u/disconnect |                  | ",
        "405 | method_not_allowed     | POST | api/users/u/inbox      | application/json | {}",
        "405 | method_not_allowed     | POST | api/rooms              | application/json | {}",
        "400 | bad_request            | GET  | api/rooms?limit=0      |                  | ",
        "400 | bad_request            | GET  | api/rooms?after=a%20b  |                  | ",
        "400 | bad_request            | GET  | api/users/" + CloseCodesIT.USER_ID_TOO_LONG + "/inbox |    | ",
        "404 | not_found              | GET  | api/nothing/r/history  |                  | ",
        "405 | method_not_allowed     | GET  | api/rooms/r/messages   |                  | ",
        "405 | method_not_allowed     | POST | api/rooms/r/presence   | application/json | {}",
        "400 | bad_request            | GET  | api/rooms/r/history?limit=0 |             | ",
    })
    void refusalsHaveTheirStatusAndCode(int status, String code, String method, String path, String type, String body) {
        HttpResponse<String> response = method.equals("GET") ? api().get(path) : api().post(path, type, body);
        assertEquals(status, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject error = ApiCalls.json(response);
        assertEquals(code, error.getString("error"));
        assertFalse(error.getString("message").isBlank());
        if (status == 405) {
            assertEquals(method.equals("GET") ? "POST" : "GET", response.headers().firstValue("Allow").orElse(null));
        }
    }

    @Test
    void aBodyOverTheFrameLimitIs413AndNothingIsPosted() {
        String text = "x".repeat(2000);
        HttpResponse<String> response = api().post("api/rooms/big/messages", "{\"text\":\"" + text + "\",\"from\":\"b\"}");
        assertEquals(413, response.statusCode(), response::body);
        assertEquals("too_large", ApiCalls.json(response).getString("error"));
        assertTrue(ApiCalls.json(api().get("api/rooms/big/history")).getJsonArray("messages").isEmpty());
    }

    @Test
    void refusedPostsPublishNothing() {
        api().post("api/rooms/quiet/messages", "{\"text\":\"eleven chars\",\"from\":\"b\"}");
        api().post("api/rooms/quiet/messages", "text/plain", "{\"text\":\"hi\",\"from\":\"b\"}");
        assertTrue(ApiCalls.json(api().get("api/rooms/quiet/history")).getJsonArray("messages").isEmpty());
    }

    @Test
    void aBroadcastAnswersForEachTargetAndEachGetsItsMessage() {
        api().post("api/users/bc-full/messages", "{\"text\":\"1\",\"from\":\"shop\"}");
        api().post("api/users/bc-full/messages", "{\"text\":\"2\",\"from\":\"shop\"}");
        try (WsClient alice = WsClient.connect(base, "ws/room/bc-a?name=alice");
             WsClient online = WsClient.connect(base, "ws/user/bc-on")) {
            alice.next("welcome");
            online.next("welcome");
            HttpResponse<String> response = api().post("api/broadcast", "{\"rooms\":[\"bc-a\",\"bc-b\"],"
                    + "\"users\":[\"bc-on\",\"bc-off\",\"bc-full\"],\"text\":\"to all\",\"from\":\"ops\"}");
            assertEquals(200, response.statusCode(), response::body);
            List<JsonObject> results = ApiCalls.json(response).getJsonArray("results").getValuesAs(JsonObject.class);
            assertEquals(5, results.size());

            JsonObject inRoom = alice.next("message");
            assertEquals("to all", inRoom.getString("text"));
            assertEquals("ops", inRoom.getString("from"));
            assertEquals("bc-a", results.get(0).getString("room"));
            assertEquals(inRoom.getString("id"), results.get(0).getString("id"));
            assertEquals(inRoom.getString("ts"), results.get(0).getString("ts"));
            assertEquals("bc-b", results.get(1).getString("room"));
            assertEquals(results.get(1).getString("id"), ApiCalls.json(api().get("api/rooms/bc-b/history"))
                    .getJsonArray("messages").getJsonObject(0).getString("id"));

            JsonObject direct = online.next("message");
            assertEquals("bc-on", results.get(2).getString("user"));
            assertEquals("delivered", results.get(2).getString("status"));
            assertEquals(direct.getString("id"), results.get(2).getString("id"));
            assertEquals("bc-off", results.get(3).getString("user"));
            assertEquals("stored", results.get(3).getString("status"));
            assertEquals("bc-full", results.get(4).getString("user"));
            assertEquals("inbox_full", results.get(4).getString("error"));
            assertFalse(results.get(4).containsKey("id"));
        }
    }

    @Test
    void theInboxCountsWhatWaits() {
        assertEquals(0, ApiCalls.json(api().get("api/users/ivan/inbox")).getInt("pending"));
        api().post("api/users/ivan/messages", "{\"text\":\"1\",\"from\":\"shop\"}");
        api().post("api/users/ivan/messages", "{\"text\":\"2\",\"from\":\"shop\"}");
        HttpResponse<String> response = api().get("api/users/ivan/inbox");
        assertEquals(200, response.statusCode(), response::body);
        JsonObject inbox = ApiCalls.json(response);
        assertEquals("ivan", inbox.getString("user"));
        assertEquals(2, inbox.getInt("pending"));
    }

    @Test
    void activeRoomsComeByNameInPagesWithTheirMembers() {
        try (WsClient a = WsClient.connect(base, "ws/room/zzlist-a?name=alice");
             WsClient b1 = WsClient.connect(base, "ws/room/zzlist-b?name=bob");
             WsClient b2 = WsClient.connect(base, "ws/room/zzlist-b?name=carol")) {
            a.next("welcome");
            b1.next("welcome");
            b2.next("welcome");
            HttpResponse<String> response = api().get("api/rooms?after=zzlist-&limit=1");
            assertEquals(200, response.statusCode(), response::body);
            JsonObject first = ApiCalls.json(response);
            assertEquals(1, first.getJsonArray("rooms").size());
            assertEquals("zzlist-a", first.getJsonArray("rooms").getJsonObject(0).getString("room"));
            assertEquals(1, first.getJsonArray("rooms").getJsonObject(0).getInt("members"));
            assertEquals("zzlist-a", first.getString("next"));
            JsonObject second = ApiCalls.json(api().get("api/rooms?after=" + first.getString("next")));
            assertEquals("zzlist-b", second.getJsonArray("rooms").getJsonObject(0).getString("room"));
            assertEquals(2, second.getJsonArray("rooms").getJsonObject(0).getInt("members"));
            assertFalse(second.containsKey("next"), "the last page");
        }
    }

    @Test
    void aDisconnectClosesEveryConnectionOfTheUserWithTheGivenCodeAndReason() {
        try (WsClient one = WsClient.connect(base, "ws/user/kicked");
             WsClient two = WsClient.connect(base, "ws/user/kicked");
             WsClient other = WsClient.connect(base, "ws/user/stays")) {
            one.next("welcome");
            two.next("welcome");
            other.next("welcome");
            HttpResponse<String> response = api().post("api/users/kicked/disconnect",
                    "{\"code\":4403,\"reason\":\"banned by ops\"}");
            assertEquals(202, response.statusCode(), response::body);
            JsonObject reply = ApiCalls.json(response);
            assertEquals("kicked", reply.getString("user"));
            assertEquals(4403, reply.getInt("code"));
            for (WsClient kicked : List.of(one, two)) {
                CloseReason reason = kicked.awaitClose();
                assertEquals(4403, reason.getCloseCode().getCode());
                assertEquals("banned by ops", reason.getReasonPhrase());
            }
            api().post("api/users/stays/messages", "{\"text\":\"still here\",\"from\":\"ops\"}");
            assertEquals("still here", other.next("message").getString("text"), "another user stays connected");
        }
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyGetsTheFirstAnswerAndPostsNothing() {
        String body = "{\"text\":\"once\",\"from\":\"ci\"}";
        HttpResponse<String> first = api().postOnce("api/rooms/idem/messages", "build-77", body);
        HttpResponse<String> again = api().postOnce("api/rooms/idem/messages", "build-77", body);
        assertEquals(201, first.statusCode(), first::body);
        assertEquals(201, again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals(1, ApiCalls.json(api().get("api/rooms/idem/history")).getJsonArray("messages").size());
        HttpResponse<String> other = api().postOnce("api/rooms/idem/messages", "build-78", body);
        assertFalse(first.body().equals(other.body()), "another key, another message");
    }

    @Test
    void aRefusalIsRepeatedUnderItsKeyToo() {
        api().post("api/users/idem-full/messages", "{\"text\":\"1\",\"from\":\"shop\"}");
        api().post("api/users/idem-full/messages", "{\"text\":\"2\",\"from\":\"shop\"}");
        HttpResponse<String> full = api().postOnce("api/users/idem-full/messages", "k", "{\"text\":\"3\",\"from\":\"s\"}");
        assertEquals(409, full.statusCode(), full::body);
        HttpResponse<String> again = api().postOnce("api/users/idem-full/messages", "k", "{\"text\":\"3\",\"from\":\"s\"}");
        assertEquals(409, again.statusCode());
        assertEquals(full.body(), again.body());
    }

    @Test
    void concurrentRepeatsOfOneKeyPostOnce() throws Exception {
        String body = "{\"text\":\"race\",\"from\":\"ci\"}";
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    return api().postOnce("api/rooms/idem-race/messages", "same-key", body);
                }));
            }
            start.countDown();
            Set<String> bodies = new HashSet<>();
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get();
                assertEquals(201, response.statusCode(), response::body);
                bodies.add(response.body());
            }
            assertEquals(1, bodies.size(), "every repeat got the first answer");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, ApiCalls.json(api().get("api/rooms/idem-race/history")).getJsonArray("messages").size());
    }

    @Test
    void anIdempotencyKeyOver200CharactersIs400() {
        HttpResponse<String> response = api().postOnce("api/rooms/idem-long/messages", "k".repeat(201),
                "{\"text\":\"hi\",\"from\":\"ci\"}");
        assertEquals(400, response.statusCode(), response::body);
        assertEquals("bad_request", ApiCalls.json(response).getString("error"));
        assertTrue(ApiCalls.json(api().get("api/rooms/idem-long/history")).getJsonArray("messages").isEmpty());
    }

    @Test
    void aBroadcastOverTheFrameLimitIs413() {
        String rooms = "\"" + "r".repeat(30) + "\",";
        String body = "{\"rooms\":[" + rooms.repeat(40) + "\"last\"],\"text\":\"hi\",\"from\":\"b\"}";
        HttpResponse<String> response = api().post("api/broadcast", body);
        assertEquals(413, response.statusCode(), response::body);
        assertEquals("too_large", ApiCalls.json(response).getString("error"));
    }

    @Test
    void callsAreCountedAndTimedByEndpointNotByPath() {
        api().post("api/rooms/counted-1/messages", "{\"text\":\"a\",\"from\":\"b\"}");
        api().post("api/rooms/counted-2/messages", "{\"text\":\"a\",\"from\":\"b\"}");
        api().get("api/nowhere");
        Scrape scrape = Scrape.of(base);
        assertTrue(scrape.sum("parley_api_requests_total", "endpoint=\"room_messages\"", "status=\"201\"") >= 2);
        assertTrue(scrape.sum("parley_api_requests_total", "endpoint=\"unknown\"", "status=\"404\"") >= 1);
        assertTrue(scrape.sum("parley_api_request_seconds_count", "endpoint=\"room_messages\"") >= 2);
        assertEquals(0, scrape.sum("parley_api_requests_total", "endpoint=\"counted-1\""));
    }

    private static List<String> texts(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList();
    }
}
