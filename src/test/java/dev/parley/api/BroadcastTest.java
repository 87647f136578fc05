package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BroadcastTest {

    @Test
    void readsTheTargetsAndTheMessage() {
        Broadcast b = Broadcast.parse("{\"rooms\":[\"a\",\"b\",\"a\"],\"users\":[\"x\"],\"text\":\"hi\",\"from\":\"ops\","
                + "\"other\":1}", 100);
        assertEquals(List.of("a", "b"), b.rooms(), "each room once, in the order first given");
        assertEquals(List.of("x"), b.users());
        assertEquals(new PostedMessage("hi", "ops"), b.message());
    }

    @Test
    void eitherListMayBeLeftOut() {
        assertEquals(List.of(), Broadcast.parse("{\"users\":[\"x\"],\"text\":\"hi\",\"from\":\"ops\"}", 100).rooms());
        assertEquals(List.of(), Broadcast.parse("{\"rooms\":[\"a\"],\"text\":\"hi\",\"from\":\"ops\"}", 100).users());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"text\":\"hi\",\"from\":\"ops\"}",
        "{\"rooms\":[],\"users\":[],\"text\":\"hi\",\"from\":\"ops\"}",
        "{\"rooms\":\"a\",\"text\":\"hi\",\"from\":\"ops\"}",
        "{\"rooms\":[1],\"text\":\"hi\",\"from\":\"ops\"}",
        "{\"users\":[\"a\\nb\"],\"text\":\"hi\",\"from\":\"ops\"}",
        "{\"rooms\":[\"a\"],\"text\":5,\"from\":\"ops\"}",
        "{\"rooms\":[\"a\"],\"text\":\"hi\"}",
    })
    void badTargetsOrMessageAre400BadRequest(String body) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> Broadcast.parse(body, 100));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
    }

    @Test
    void notAnObjectIsBadJson() {
        assertEquals("bad_json", assertThrows(ApiProblem.class, () -> Broadcast.parse("[1]", 100)).code());
    }

    @Test
    void theTargetsAreCapped() {
        String rooms = IntStream.range(0, 60).mapToObj(i -> "\"r" + i + "\"").collect(Collectors.joining(","));
        String users = IntStream.range(0, 40).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));
        String body = "{\"rooms\":[" + rooms + "],\"users\":[" + users + "],\"text\":\"hi\",\"from\":\"ops\"}";
        assertEquals(60, Broadcast.parse(body, 100).rooms().size());
        ApiProblem problem = assertThrows(ApiProblem.class, () -> Broadcast.parse(body, 99));
        assertEquals(400, problem.status());
    }
}
