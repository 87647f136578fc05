package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server API with no key set: messages into rooms and to users, presence, history, and every refusal. */
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
            HttpResponse<String> posted = api().post("api/rooms/ci/messages", "{\"text\":\"build ok\",\"from\":\"ci-bot\"}");
            alice.send("{\"text\":\"after\"}");

            assertEquals(201, posted.statusCode(), posted::body);
            assertTrue(posted.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonObject reply = ApiCalls.json(posted);
            assertEquals("before", alice.next("message").getString("text"));
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
        "400 | bad_request            | POST | api/users/a:b/messages | application/json | {\"text\":\"hi\",\"from\":\"shop\"}",
        "400 | empty                  | POST | api/users/bob/messages | application/json | {\"text\":\" \",\"from\":\"shop\"}",
        "400 | too_long               | POST | api/rooms/r/messages  | application/json | {\"text\":\"eleven chars\",\"from\":\"b\"}",
        "415 | unsupported_media_type | POST | api/rooms/r/messages  | text/plain       | {\"text\":\"hi\",\"from\":\"b\"}",
        "404 | not_found              | GET  | api/rooms              |                  | ",
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

    private static List<String> texts(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList();
    }
}
