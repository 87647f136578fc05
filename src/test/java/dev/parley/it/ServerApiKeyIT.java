package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** With parley.api.key set, every call needs one of its keys as a bearer token; others get 401 and do nothing. */
public class ServerApiKeyIT extends ParleyIT {
    private static final String MESSAGE = "{\"text\":\"hello\",\"from\":\"ci-bot\"}";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.api.key", "old-key-0123456789,new-key-9876543210"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "wrong", "old-key-012345678", "OLD-KEY-0123456789"})
    void aMissingOrWrongKeyIs401AndPostsNothing(String key) {
        HttpResponse<String> response = new ApiCalls(base, key).post("api/rooms/locked/messages", MESSAGE);
        assertEquals(401, response.statusCode(), response::body);
        assertEquals("unauthorized", ApiCalls.json(response).getString("error"));
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<String> history = new ApiCalls(base, "new-key-9876543210").get("api/rooms/locked/history");
        assertEquals(0, ApiCalls.json(history).getJsonArray("messages").size());
    }

    @Test
    void theKeyIsCheckedBeforeThePath() {
        HttpResponse<String> response = new ApiCalls(base, null).get("api/no/such/thing");
        assertEquals(401, response.statusCode(), response::body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"old-key-0123456789", "new-key-9876543210"})
    void eitherKeyIsTakenSoAKeyCanBeRotated(String key) {
        String room = "rotate-" + key.substring(0, 3);
        try (WsClient alice = WsClient.connect(base, "ws/room/" + room + "?name=alice")) {
            alice.next("welcome");
            HttpResponse<String> response = new ApiCalls(base, key).post("api/rooms/" + room + "/messages", MESSAGE);
            assertEquals(201, response.statusCode(), response::body);
            assertEquals(ApiCalls.json(response).getString("id"), alice.next("message").getString("id"));
        }
    }
}
