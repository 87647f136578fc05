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
}
