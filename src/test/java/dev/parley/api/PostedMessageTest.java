package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostedMessageTest {

    @Test
    void readsTextAndFromAndIgnoresOtherFields() {
        assertEquals(new PostedMessage("build 42 passed ✓", "ci-bot"),
                PostedMessage.parse(" {\"text\":\"build 42 passed ✓\",\"from\":\"ci-bot\",\"later\":{\"x\":[1]}} "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''",
        "not json",
        "[1,2]",
        "\"text\"",
        "{\"text\":\"a\",\"from\":\"b\"} trailing",
        "{\"text\":\"a\",\"from\":\"b\"}{}",
        "{\"text\":\"a\",",
        "null",
    })
    void anythingButOneObjectIsBadJson(String body) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> PostedMessage.parse(body));
        assertEquals(400, problem.status());
        assertEquals("bad_json", problem.code());
    }

    @Test
    void nestingDeeperThanFramesMayIsBadJson() {
        String deep = "{\"text\":\"a\",\"from\":\"b\",\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        ApiProblem problem = assertThrows(ApiProblem.class, () -> PostedMessage.parse(deep));
        assertEquals("bad_json", problem.code());
        String fine = "{\"text\":\"a\",\"from\":\"b\",\"x\":" + "[".repeat(31) + "]".repeat(31) + "}";
        assertEquals(new PostedMessage("a", "b"), PostedMessage.parse(fine));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"from\":\"ci\"}",
        "{\"text\":5,\"from\":\"ci\"}",
        "{\"text\":null,\"from\":\"ci\"}",
        "{\"text\":[\"a\"],\"from\":\"ci\"}",
        "{\"text\":\"hi\"}",
        "{\"text\":\"hi\",\"from\":7}",
        "{\"text\":\"hi\",\"from\":\"\"}",
        "{\"text\":\"hi\",\"from\":\"ci bot\"}",
        "{\"text\":\"hi\",\"from\":\"abcdefghijklmnopqrstuvwxyz0123456\"}",
    })
    void missingOrMistypedFieldsAndInvalidNamesAreBadRequests(String body) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> PostedMessage.parse(body));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
    }

    @Test
    void dataIsReadAsAJsonObjectBesideOrInsteadOfText() {
        JsonObject data = Json.createObjectBuilder().add("n", new java.math.BigDecimal("2.50")).add("a",
                Json.createArrayBuilder().add(Json.createObjectBuilder())).build();
        assertEquals(new PostedMessage("hi", data, "ci"),
                PostedMessage.parse("{\"text\":\"hi\",\"data\":{\"n\":2.50,\"a\":[{}]},\"from\":\"ci\"}"));
        assertEquals(new PostedMessage(null, data, "ci"),
                PostedMessage.parse("{\"data\":{\"n\":2.50,\"a\":[{}]},\"from\":\"ci\"}"));
        assertEquals(new PostedMessage(null, data, "ci"),
                PostedMessage.parse("{\"text\":null,\"data\":{\"n\":2.50,\"a\":[{}]},\"from\":\"ci\"}"));
        assertEquals(new PostedMessage("hi", null, "ci"), PostedMessage.parse("{\"text\":\"hi\",\"data\":null,\"from\":\"ci\"}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"text\":\"hi\",\"data\":\"x\",\"from\":\"ci\"}|data must be a JSON object",
        "{\"text\":\"hi\",\"data\":[1],\"from\":\"ci\"}|data must be a JSON object",
        "{\"data\":7,\"from\":\"ci\"}|data must be a JSON object",
        "{\"data\":null,\"from\":\"ci\"}|a message needs text or data",
        "{\"data\":{},\"text\":5,\"from\":\"ci\"}|text must be a string",
    })
    void dataThatIsNotAnObjectOrNeitherFieldIsABadRequest(String body, String message) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> PostedMessage.parse(body));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
        assertEquals(message, problem.getMessage());
    }
}
