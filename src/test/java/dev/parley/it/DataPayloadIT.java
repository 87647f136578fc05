package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.Message;
import dev.parley.client.ParleyClient;
import dev.parley.client.RoomConnection;
import dev.parley.client.UserConnection;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message's structured {@code data}: relayed as sent to room members, kept in the history, delivered to
 * users live and from the inbox, caught up on resume, posted by the server API, sent and read by the Java
 * client; and every refusal answered, with nothing published. A refusal is followed by a marker message: the receiver's next message is the marker, so
 * nothing came before it.
 */
public class DataPayloadIT extends ParleyIT {
    private static final int DATA_MAX = 100;
    /** Numbers that must keep their digits, an empty object and array, and text that needs escapes. */
    private static final String DATA = "{\"kind\":\"poll\",\"n\":0.50,\"big\":12345678901234567890,\"e\":{},"
            + "\"a\":[],\"s\":\"李 \\\"q\\\"\"}";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.data.max", Integer.toString(DATA_MAX)));
    }

    private ApiCalls api() {
        return new ApiCalls(base, null);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A data object whose compact JSON is exactly {@code bytes} long: {"s":"xx...x"}. */
    private static String dataOfSize(int bytes) {
        return "{\"s\":\"" + "x".repeat(bytes - 8) + "\"}";
    }

    @Test
    void theWelcomeSaysProtocolOnePointOneAndTheDataLimit() {
        try (WsClient alice = WsClient.connect(base, "ws/room/data-welcome?name=alice")) {
            JsonObject welcome = alice.next("welcome");
            assertEquals("1.1", welcome.getString("protocol"));
            assertEquals(DATA_MAX, welcome.getJsonObject("limits").getInt("dataMax"));
        }
    }

    @Test
    void aRoomMessageWithDataReachesEveryMemberAndTheHistoryOfALaterJoiner() {
        try (WsClient alice = WsClient.connect(base, "ws/room/data-room?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/data-room?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"type\":\"message\",\"text\":\"vote\",\"data\":" + DATA + ",\"ref\":\"d1\"}");
            alice.send("{\"data\":{\"only\":true},\"ref\":\"d2\"}");

            JsonObject own = alice.next("message");
            assertEquals("d1", own.getString("ref"));
            assertEquals(json(DATA), own.getJsonObject("data"));
            assertEquals("0.50", own.getJsonObject("data").getJsonNumber("n").toString(), "digits kept");
            JsonObject seen = bob.next("message");
            assertEquals("vote", seen.getString("text"));
            assertEquals(json(DATA), seen.getJsonObject("data"));
            assertEquals("12345678901234567890", seen.getJsonObject("data").getJsonNumber("big").toString());
            JsonObject dataOnly = bob.next("message");
            assertEquals(json("{\"only\":true}"), dataOnly.getJsonObject("data"));
            assertFalse(dataOnly.containsKey("text"), "no text was sent, none is relayed");
            assertEquals("d2", alice.next("message").getString("ref"));

            try (WsClient carol = WsClient.connect(base, "ws/room/data-room?name=carol")) {
                JsonArray history = carol.next("welcome").getJsonArray("history");
                assertEquals(2, history.size());
                assertEquals(own.getString("id"), history.getJsonObject(0).getString("id"));
                assertEquals(json(DATA), history.getJsonObject(0).getJsonObject("data"));
                assertEquals(json("{\"only\":true}"), history.getJsonObject(1).getJsonObject("data"));
                assertFalse(history.getJsonObject(1).containsKey("text"));
            }
        }
    }

    @Test
    void aDirectMessageWithDataIsDeliveredLiveAndFromTheInbox() {
        try (WsClient alice = WsClient.connect(base, "ws/user/data-alice");
             WsClient bob = WsClient.connect(base, "ws/user/data-bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send("{\"to\":\"data-bob\",\"text\":\"an order\",\"data\":" + DATA + ",\"ref\":\"o1\"}");
            JsonObject ack = alice.next("ack");
            assertEquals("delivered", ack.getString("status"));
            JsonObject live = bob.next("message");
            assertEquals(ack.getString("id"), live.getString("id"));
            assertEquals("an order", live.getString("text"));
            assertEquals(json(DATA), live.getJsonObject("data"));

            alice.send("{\"to\":\"data-dave\",\"data\":" + DATA + ",\"ref\":\"o2\"}");
            JsonObject stored = alice.next("ack");
            assertEquals("stored", stored.getString("status"));
            assertEquals("o2", stored.getString("ref"));
        }
        try (WsClient dave = WsClient.connect(base, "ws/user/data-dave")) {
            assertEquals(1, dave.next("welcome").getInt("pending"));
            JsonObject fromInbox = dave.next("message");
            assertEquals("data-alice", fromInbox.getString("from"));
            assertEquals(json(DATA), fromInbox.getJsonObject("data"));
            assertFalse(fromInbox.containsKey("text"));
        }
    }

    @Test
    void aResumeCatchesUpWithDataOnRoomsAndUsers() {
        String firstId;
        try (WsClient alice = WsClient.connect(base, "ws/room/data-resume?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"plain\"}");
            firstId = alice.next("message").getString("id");
            alice.send("{\"data\":" + DATA + "}");
            alice.next("message");
        }
        try (WsClient back = WsClient.connect(base, "ws/room/data-resume?name=alice&since=" + firstId)) {
            JsonObject welcome = back.next("welcome");
            assertEquals(true, welcome.getBoolean("recovered"));
            JsonArray missed = welcome.getJsonArray("history");
            assertEquals(1, missed.size());
            assertEquals(json(DATA), missed.getJsonObject(0).getJsonObject("data"));
        }

        String firstDirect;
        try (WsClient sender = WsClient.connect(base, "ws/user/data-resume-sender")) {
            sender.next("welcome");
            sender.send("{\"to\":\"data-resume-gina\",\"text\":\"plain\"}");
            firstDirect = sender.next("ack").getString("id");
            sender.send("{\"to\":\"data-resume-gina\",\"text\":\"and data\",\"data\":" + DATA + "}");
            sender.next("ack");
        }
        try (WsClient gina = WsClient.connect(base, "ws/user/data-resume-gina?since=" + firstDirect)) {
            JsonObject welcome = gina.next("welcome");
            assertEquals(true, welcome.getBoolean("recovered"));
            assertEquals(1, welcome.getInt("pending"));
            JsonObject caughtUp = gina.next("message");
            assertEquals("and data", caughtUp.getString("text"));
            assertEquals(json(DATA), caughtUp.getJsonObject("data"));
        }
    }

    @Test
    void theJavaClientSendsAndReceivesData() throws Exception {
        ParleyClient parley = ParleyClient.at(base.toURI()).withTimeout(WsClient.WAIT);
        JsonObject data = json(DATA);
        Heard bobHeard = new Heard();
        try (RoomConnection alice = get(parley.room("data-java", "alice", new Heard()));
             RoomConnection bob = get(parley.room("data-java", "bob", bobHeard))) {
            Message sent = get(alice.send("vote", data));
            assertEquals(data, sent.data());
            Message received = bobHeard.message();
            assertEquals(sent.id(), received.id());
            assertEquals("vote", received.text());
            assertEquals(data, received.data());
            assertEquals("12345678901234567890", received.data().getJsonNumber("big").toString());
        }
        try (UserConnection carol = get(parley.user("data-java-carol", new Heard()))) {
            assertTrue(get(carol.send("data-java-dave", null, data)).stored());
        }
        Heard daveHeard = new Heard();
        try (UserConnection dave = get(parley.user("data-java-dave", daveHeard))) {
            Message pending = daveHeard.message();
            assertNull(pending.text());
            assertEquals(data, pending.data());
        }
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WsClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    @Test
    void theApiPostsDataToARoomAndToAUserAndItsHistoryCarriesIt() {
        try (WsClient member = WsClient.connect(base, "ws/room/data-api?name=member");
             WsClient erin = WsClient.connect(base, "ws/user/data-erin")) {
            member.next("welcome");
            erin.next("welcome");
            HttpResponse<String> room = api().post("api/rooms/data-api/messages",
                    "{\"data\":" + DATA + ",\"from\":\"ci-bot\"}");
            assertEquals(201, room.statusCode(), room::body);
            JsonObject posted = member.next("message");
            assertEquals(ApiCalls.json(room).getString("id"), posted.getString("id"));
            assertEquals(json(DATA), posted.getJsonObject("data"));
            assertFalse(posted.containsKey("text"));

            HttpResponse<String> user = api().post("api/users/data-erin/messages",
                    "{\"text\":\"receipt\",\"data\":{\"total\":9.90},\"from\":\"shop\"}");
            assertEquals(201, user.statusCode(), user::body);
            assertEquals("delivered", ApiCalls.json(user).getString("status"));
            JsonObject receipt = erin.next("message");
            assertEquals("receipt", receipt.getString("text"));
            assertEquals("9.90", receipt.getJsonObject("data").getJsonNumber("total").toString());
        }
        JsonArray history = ApiCalls.json(api().get("api/rooms/data-api/history")).getJsonArray("messages");
        assertEquals(1, history.size());
        assertEquals(json(DATA), history.getJsonObject(0).getJsonObject("data"));
        assertEquals("ci-bot", history.getJsonObject(0).getString("from"));
    }

    @Test
    void dataUpToTheLimitIsAcceptedAndMeasuredInUtf8Bytes() {
        String fits = dataOfSize(DATA_MAX);
        String accented = "{\"s\":\"" + "é".repeat((DATA_MAX - 8) / 2) + "\"}";
        assertEquals(DATA_MAX, accented.getBytes(StandardCharsets.UTF_8).length);
        try (WsClient alice = WsClient.connect(base, "ws/room/data-limit?name=alice")) {
            alice.next("welcome");
            alice.send("{\"data\":" + fits + ",\"ref\":\"fits\"}");
            assertEquals(json(fits), alice.next("message").getJsonObject("data"));
            alice.send("{\"data\":" + accented + ",\"ref\":\"accented\"}");
            assertEquals(json(accented), alice.next("message").getJsonObject("data"));
            String over = "{\"s\":\"" + "é".repeat((DATA_MAX - 8) / 2) + "x\"}";
            alice.send("{\"data\":" + over + ",\"ref\":\"over\"}");
            JsonObject error = alice.next("error");
            assertEquals("data_too_large", error.getString("code"));
            assertEquals("over", error.getString("ref"));
        }
    }

    /** Each refused room frame gets its error with its ref, and the other member gets only the marker. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"text\":\"hi\",\"data\":\"not an object\",\"ref\":\"r1\"}|bad_request|r1",
        "{\"text\":\"hi\",\"data\":[1,2],\"ref\":\"r2\"}|bad_request|r2",
        "{\"text\":\"hi\",\"data\":42,\"ref\":\"r3\"}|bad_request|r3",
        "{\"type\":\"message\",\"ref\":\"r4\"}|bad_request|r4",
        "{\"data\":null,\"text\":null,\"ref\":\"r5\"}|bad_request|r5",
        "{\"text\":\"  \",\"ref\":\"r6\"}|empty|r6",
        "{\"data\":{\"s\":\"\\ud800\"},\"ref\":\"r7\"}|bad_request|r7",
        "{\"data\":" + "{\"s\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"
                + ",\"ref\":\"r8\"}|data_too_large|r8",
    })
    void aRefusedRoomMessageGetsItsErrorAndNothingIsPublished(String frame, String code, String ref) {
        String room = "data-refused-" + ref;
        try (WsClient alice = WsClient.connect(base, "ws/room/" + room + "?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/" + room + "?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send(frame);
            JsonObject error = alice.next("error");
            assertEquals(code, error.getString("code"), error::toString);
            assertEquals(ref, error.getString("ref"));
            alice.send("{\"text\":\"marker\"}");
            assertEquals("marker", bob.next("message").getString("text"), "nothing was published before it");
        }
        try (WsClient later = WsClient.connect(base, "ws/room/" + room + "?name=later")) {
            assertEquals(List.of("marker"), Frames.texts(later.next("welcome").getJsonArray("history")));
        }
    }

    @Test
    void dataNestedDeeperThanFramesMayIsBadJson() {
        // the frame is level 1, data level 2: 31 more levels make 33
        String deep = "{\"data\":{\"x\":" + "[".repeat(31) + "]".repeat(31) + "}}";
        try (WsClient alice = WsClient.connect(base, "ws/room/data-deep?name=alice");
             WsClient bob = WsClient.connect(base, "ws/room/data-deep?name=bob")) {
            alice.next("welcome");
            bob.next("welcome");
            alice.send(deep);
            assertEquals("bad_json", alice.next("error").getString("code"));
            alice.send("{\"text\":\"marker\"}");
            assertEquals("marker", bob.next("message").getString("text"));
        }
    }

    /** The same refusals on a user connection: the receiver, online, gets only the marker. */
    @ParameterizedTest
    @ValueSource(strings = {"\"data\":\"x\"", "\"data\":[{}]", "\"text\":null",
        "\"data\":{\"s\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"})
    void aRefusedDirectMessageGetsItsErrorAndNothingIsSent(String fields) {
        String expected = fields.startsWith("\"data\":{") ? "data_too_large" : "bad_request";
        String receiver = "data-r" + Integer.toHexString(fields.hashCode());
        try (WsClient alice = WsClient.connect(base, "ws/user/data-sender");
             WsClient frank = WsClient.connect(base, "ws/user/" + receiver)) {
            alice.next("welcome");
            frank.next("welcome");
            alice.send("{\"to\":\"" + receiver + "\"," + fields + ",\"ref\":\"x1\"}");
            JsonObject error = alice.next("error");
            assertEquals(expected, error.getString("code"), error::toString);
            assertEquals("x1", error.getString("ref"));
            alice.send("{\"to\":\"" + receiver + "\",\"text\":\"marker\",\"ref\":\"m\"}");
            assertEquals("delivered", alice.next("ack").getString("status"));
            assertEquals("marker", frank.next("message").getString("text"), "nothing was sent before it");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"text\":\"hi\",\"data\":\"x\",\"from\":\"ci\"}|bad_request",
        "{\"text\":\"hi\",\"data\":[],\"from\":\"ci\"}|bad_request",
        "{\"from\":\"ci\"}|bad_request",
        "{\"data\":null,\"from\":\"ci\"}|bad_request",
        "{\"text\":\" \",\"from\":\"ci\"}|empty",
        "{\"data\":{\"s\":\"\\ud800\"},\"from\":\"ci\"}|bad_request",
        "{\"data\":{\"s\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},\"from\":\"ci\"}|data_too_large",
    })
    void aRefusedApiPostIs400AndNothingIsPublished(String body, String code) {
        HttpResponse<String> room = api().post("api/rooms/data-api-refused/messages", body);
        assertEquals(400, room.statusCode(), room::body);
        assertEquals(code, ApiCalls.json(room).getString("error"));
        HttpResponse<String> user = api().post("api/users/data-api-nobody/messages", body);
        assertEquals(400, user.statusCode(), user::body);
        assertEquals(code, ApiCalls.json(user).getString("error"));

        assertEquals(0, ApiCalls.json(api().get("api/rooms/data-api-refused/history"))
                .getJsonArray("messages").size());
        try (WsClient nobody = WsClient.connect(base, "ws/user/data-api-nobody")) {
            assertEquals(0, nobody.next("welcome").getInt("pending"), "nothing was stored");
        }
    }
}
