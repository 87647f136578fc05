package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class DataRuleTest {
    /** {"s":"..."} is 8 bytes around its string. */
    private static JsonObject withString(String s) {
        return Json.createObjectBuilder().add("s", s).build();
    }

    @Test
    void dataIsMeasuredInBytesOfItsCompactJson() {
        assertEquals(10, DataRule.size(withString("ab")));
        assertEquals(11, DataRule.size(withString("李")), "three bytes in UTF-8");
        assertEquals(12, DataRule.size(withString("😀")), "four bytes in UTF-8");
    }

    @Test
    void dataUpToTheLimitIsAcceptedAndOneByteMoreIsTooLarge() {
        DataRule rule = new DataRule(8192);
        assertTrue(rule.check(withString("x".repeat(8192 - 8)), "r").isEmpty());
        ErrorFrame refused = rule.check(withString("x".repeat(8192 - 7)), "r").orElseThrow();
        assertEquals("data_too_large", refused.code());
        assertEquals("r", refused.ref());
        assertEquals("data is larger than 8192 bytes", refused.message());
    }

    @Test
    void noDataIsAccepted() {
        assertTrue(new DataRule(1).check(null, null).isEmpty());
    }

    @Test
    void dataWithAnUnpairedSurrogateIsABadRequest() {
        DataRule rule = new DataRule(8192);
        JsonObject lone = Json.createObjectBuilder().add("a", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("b", "x\ud800"))).build();
        assertEquals("bad_request", rule.check(lone, "u1").orElseThrow().code());
        JsonObject name = Json.createObjectBuilder().add("\udc00", 1).build();
        assertEquals("bad_request", rule.check(name, "u2").orElseThrow().code());
        assertTrue(rule.check(withString("😀"), null).isEmpty(), "a pair is fine");
    }
}
