package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisconnectRequestTest {

    @ParameterizedTest
    @ValueSource(ints = {1000, 1008, 4000, 4403, 4999})
    void takesTheAllowedCodes(int code) {
        assertEquals(new DisconnectRequest(code, "bye"),
                DisconnectRequest.parse("{\"code\":" + code + ",\"reason\":\"bye\"}"));
    }

    @Test
    void theReasonMayBeLeftOut() {
        assertEquals(new DisconnectRequest(4403, ""), DisconnectRequest.parse("{\"code\":4403}"));
    }

    @Test
    void theReasonMayTakeAllOfItsBytes() {
        String reason = "é".repeat(61) + "x"; // 123 bytes in UTF-8
        assertEquals(reason, DisconnectRequest.parse("{\"code\":4403,\"reason\":\"" + reason + "\"}").reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"code\":\"4403\"}",
        "{\"code\":999}",
        "{\"code\":1001}",
        "{\"code\":1006}",
        "{\"code\":3000}",
        "{\"code\":5000}",
        "{\"code\":4403.5}",
        "{\"code\":4403,\"reason\":5}",
    })
    void otherCodesOrReasonsAre400(String body) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> DisconnectRequest.parse(body));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
    }

    @Test
    void aReasonOver123BytesIs400() {
        String reason = "é".repeat(62); // 124 bytes
        ApiProblem problem = assertThrows(ApiProblem.class,
                () -> DisconnectRequest.parse("{\"code\":4403,\"reason\":\"" + reason + "\"}"));
        assertEquals(400, problem.status());
    }
}
