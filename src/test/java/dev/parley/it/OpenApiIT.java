package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description at {@code /api/openapi.json} against the running API: every endpoint called
 * to each answer it can give here, each answer's status documented for its path and method and its body
 * valid against the schema documented for it (JSON Schema 2020-12), and every documented path answered.
 * A 503 needs a broker that is away: ServerApiUnavailableIT reaches it.
 */
public class OpenApiIT extends ParleyIT {
    private static final String KEY = "main-key-0123456789";
    /** A second key, spent to reach the rate limit without touching the main key's bucket. */
    private static final String SPENT_KEY = "spent-key-0123456789";
    private static final String DOCUMENT = "https://parley.invalid/openapi.json";
    private static final String MESSAGE = "{\"text\":\"hi\",\"from\":\"ci\"}";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.api.key", KEY + "," + SPENT_KEY, "parley.api.rate", "1",
                "parley.api.burst", "100", "parley.text.max", "10", "parley.frame.max", "1024",
                "parley.inbox.size", "1"));
    }

    /** One call: the documented path and method it exercises, and the status it must get. */
    private record Call(int status, String method, String template, String path, String contentType, String body,
                        String key) {
    }

    private final List<String> answered = new ArrayList<>();
    private final Set<Integer> statuses = new TreeSet<>();
    private JsonObject document;
    private SchemaRegistry schemas;

    @Test
    void everyAnswerIsDocumentedAndValidAgainstItsSchema() {
        HttpResponse<String> fetched = new ApiCalls(base, null).get("api/openapi.json");
        assertEquals(200, fetched.statusCode(), "the description needs no key");
        assertTrue(fetched.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        document = ApiCalls.json(fetched);
        assertTrue(document.getString("openapi").startsWith("3.1"));
        assertEquals("https://json-schema.org/draft/2020-12/schema", document.getString("jsonSchemaDialect"));
        assertEquals("bearer", document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer").getString("scheme"));
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT, fetched.body())));
        check(new Call(200, "get", "/openapi.json", "api/openapi.json", null, null, null), fetched);
        assertFalse(schema("/paths/~1rooms~1{room}~1messages/post/responses/201").validate("{\"id\":\"m-1\"}",
                InputFormat.JSON).isEmpty(), "the schemas refuse a body that is not as documented");
        assertFalse(schema("/components/responses/Unauthorized").validate("{\"error\":\"not_found\",\"message\":\"x\"}",
                InputFormat.JSON).isEmpty(), "a refusal's code is documented for its status");

        api().post("api/users/full/messages", MESSAGE);
        try (WsClient alice = WsClient.connect(base, "ws/room/described?name=alice")) {
            alice.next("welcome");
            for (Call call : calls()) {
                check(call, send(call));
            }
        }
        HttpResponse<String> limited = spendTheBurst();
        check(new Call(429, "post", "/rooms/{room}/messages", "api/rooms/r/messages", "application/json", MESSAGE,
                SPENT_KEY), limited);
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());

        Set<String> documented = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().keySet()
                .forEach(method -> documented.add(method + " " + path)));
        assertEquals(documented, new TreeSet<>(answered), "every documented path and method was answered");
        assertEquals(Set.of(200, 201, 202, 400, 401, 404, 405, 409, 413, 415, 429), statuses);
    }

    private List<Call> calls() {
        String big = "{\"text\":\"" + "x".repeat(2000) + "\",\"from\":\"ci\"}";
        String rooms = "/rooms/{room}/messages";
        String users = "/users/{user}/messages";
        return List.of(
                new Call(201, "post", rooms, "api/rooms/described/messages", "application/json", MESSAGE, KEY),
                new Call(201, "post", rooms, "api/rooms/described/messages", "application/json",
                        "{\"data\":{\"build\":812,\"ok\":true},\"from\":\"ci\"}", KEY),
                new Call(201, "post", rooms, "api/rooms/described/messages", "application/json",
                        "{\"text\":\"with data\",\"data\":{\"n\":[1,2]},\"from\":\"ci\"}", KEY),
                new Call(400, "post", rooms, "api/rooms/described/messages", "application/json",
                        "{\"data\":[1],\"from\":\"ci\"}", KEY),
                new Call(400, "post", rooms, "api/rooms/described/messages", "application/json", "nope", KEY),
                new Call(400, "post", rooms, "api/rooms/described/messages", "application/json",
                        "{\"text\":\" \",\"from\":\"ci\"}", KEY),
                new Call(400, "post", rooms, "api/rooms/described/messages", "application/json",
                        "{\"text\":\"eleven chars\",\"from\":\"ci\"}", KEY),
                new Call(400, "post", rooms, "api/rooms/a:b/messages", "application/json", MESSAGE, KEY),
                new Call(401, "post", rooms, "api/rooms/described/messages", "application/json", MESSAGE, null),
                new Call(413, "post", rooms, "api/rooms/described/messages", "application/json", big, KEY),
                new Call(415, "post", rooms, "api/rooms/described/messages", "text/plain", MESSAGE, KEY),
                new Call(201, "post", users, "api/users/bob/messages", "application/json", MESSAGE, KEY),
                new Call(409, "post", users, "api/users/full/messages", "application/json", MESSAGE, KEY),
                new Call(400, "post", users, "api/users/bob/messages", "application/json", "{\"text\":1}", KEY),
                new Call(401, "post", users, "api/users/bob/messages", "application/json", MESSAGE, "wrong"),
                new Call(413, "post", users, "api/users/bob/messages", "application/json", big, KEY),
                new Call(415, "post", users, "api/users/bob/messages", "text/plain", MESSAGE, KEY),
                new Call(200, "post", "/broadcast", "api/broadcast", "application/json",
                        "{\"rooms\":[\"described\",\"other\"],\"users\":[\"carol\",\"full\"],\"text\":\"all\",\"from\":\"ci\"}",
                        KEY),
                new Call(400, "post", "/broadcast", "api/broadcast", "application/json",
                        "{\"rooms\":[],\"text\":\"all\",\"from\":\"ci\"}", KEY),
                new Call(401, "post", "/broadcast", "api/broadcast", "application/json", MESSAGE, null),
                new Call(413, "post", "/broadcast", "api/broadcast", "application/json", big, KEY),
                new Call(415, "post", "/broadcast", "api/broadcast", "text/plain", MESSAGE, KEY),
                new Call(200, "get", "/rooms/{room}/presence", "api/rooms/described/presence", null, null, KEY),
                new Call(400, "get", "/rooms/{room}/presence", "api/rooms/a:b/presence", null, null, KEY),
                new Call(401, "get", "/rooms/{room}/presence", "api/rooms/described/presence", null, null, null),
                new Call(200, "get", "/rooms/{room}/history", "api/rooms/described/history?limit=5", null, null, KEY),
                new Call(200, "get", "/rooms/{room}/history", "api/rooms/described/history?since=x-1", null, null, KEY),
                new Call(400, "get", "/rooms/{room}/history", "api/rooms/described/history?limit=0", null, null, KEY),
                new Call(401, "get", "/rooms/{room}/history", "api/rooms/described/history", null, null, null),
                new Call(200, "get", "/rooms", "api/rooms", null, null, KEY),
                new Call(200, "get", "/rooms", "api/rooms?limit=1&after=a", null, null, KEY),
                new Call(400, "get", "/rooms", "api/rooms?limit=x", null, null, KEY),
                new Call(401, "get", "/rooms", "api/rooms", null, null, null),
                new Call(200, "get", "/users/{user}/inbox", "api/users/full/inbox", null, null, KEY),
                new Call(400, "get", "/users/{user}/inbox", "api/users/" + CloseCodesIT.USER_ID_TOO_LONG + "/inbox", null, null,
                        KEY),
                new Call(401, "get", "/users/{user}/inbox", "api/users/full/inbox", null, null, null),
                new Call(202, "post", "/users/{user}/disconnect", "api/users/nobody/disconnect", "application/json",
                        "{\"code\":4403,\"reason\":\"bye\"}", KEY),
                new Call(400, "post", "/users/{user}/disconnect", "api/users/nobody/disconnect", "application/json",
                        "{\"code\":1001}", KEY),
                new Call(401, "post", "/users/{user}/disconnect", "api/users/nobody/disconnect", "application/json",
                        "{\"code\":4403}", null),
                new Call(413, "post", "/users/{user}/disconnect", "api/users/nobody/disconnect", "application/json",
                        big, KEY),
                new Call(415, "post", "/users/{user}/disconnect", "api/users/nobody/disconnect", "text/plain",
                        "{\"code\":4403}", KEY),
                new Call(404, "get", null, "api/nothing/here", null, null, KEY),
                new Call(405, "get", null, "api/broadcast", null, null, KEY));
    }

    /** Calls with the spent key until the rate limit refuses, within far more calls than its burst. */
    private HttpResponse<String> spendTheBurst() {
        ApiCalls spent = new ApiCalls(base, SPENT_KEY);
        for (int i = 0; i < 1000; i++) {
            HttpResponse<String> response = spent.post("api/rooms/r/messages", MESSAGE);
            if (response.statusCode() == 429) {
                return response;
            }
        }
        throw new AssertionError("no 429 in 1000 calls");
    }

    private void check(Call call, HttpResponse<String> response) {
        String what = call.method() + " " + call.path() + " " + call.body();
        assertEquals(call.status(), response.statusCode(), () -> what + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        statuses.add(response.statusCode());
        String pointer = responsePointer(call, response.statusCode());
        List<Error> errors = schema(pointer).validate(response.body(), InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> what + " answered " + response.body() + ", not as documented at " + pointer
                + ": " + errors);
        if (call.template() != null) {
            answered.add(call.method() + " " + call.template());
        }
    }

    /**
     * Where the document describes this answer: the operation's response for the status (following a
     * {@code $ref} to the shared responses), or for 404 and 405 the shared response every other path or
     * method gets.
     */
    private String responsePointer(Call call, int status) {
        if (call.template() == null) {
            String shared = status == 404 ? "NotFound" : "MethodNotAllowed";
            assertNotNull(document.getJsonObject("components").getJsonObject("responses").get(shared));
            return "/components/responses/" + shared;
        }
        JsonObject operation = document.getJsonObject("paths").getJsonObject(call.template())
                .getJsonObject(call.method());
        assertNotNull(operation, call.method() + " " + call.template() + " is not documented");
        JsonValue documented = operation.getJsonObject("responses").get(Integer.toString(status));
        assertNotNull(documented, status + " to " + call.method() + " " + call.template() + " is not documented");
        JsonObject response = documented.asJsonObject();
        if (response.containsKey("$ref")) {
            return response.getString("$ref").substring(1);
        }
        return "/paths/" + escape(call.template()) + "/" + call.method() + "/responses/" + status;
    }

    /** The body schema of the documented response at {@code pointer}. */
    private Schema schema(String pointer) {
        return schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer + "/content/application~1json/schema"));
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private HttpResponse<String> send(Call call) {
        ApiCalls calls = new ApiCalls(base, call.key());
        return call.method().equals("get") ? calls.get(call.path()) : calls.post(call.path(), call.contentType(),
                call.body());
    }

    private ApiCalls api() {
        return new ApiCalls(base, KEY);
    }
}
