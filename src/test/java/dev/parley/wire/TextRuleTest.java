package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

class TextRuleTest {
    private static final String ASTRAL = "😀"; // one code point, two chars
    private final TextRule rule = new TextRule(4000);

    @Test
    void blankTextIsEmpty() {
        for (String blank : new String[] {"", " ", "   ", "\t", "\n\r\n", " \t \n ", "\u2003"}) {
            ErrorFrame error = rule.check(blank, "c1").orElseThrow();
            assertNotNull(error, "blank: '" + blank + "'");
            assertEquals("empty", error.code());
        }
    }

    @Test
    void textWithSurroundingWhitespaceIsAccepted() {
        assertTrue(rule.check("  hi  ", null).isEmpty());
        assertTrue(rule.check("\n.\n", null).isEmpty());
    }

    @Test
    void fourThousandCodePointsAreAccepted() {
        assertTrue(rule.check("a".repeat(4000), null).isEmpty());
    }

    @Test
    void fourThousandAndOneCodePointsAreTooLong() {
        ErrorFrame error = rule.check("a".repeat(4001), "c1").orElseThrow();
        assertNotNull(error);
        assertEquals("too_long", error.code());
    }

    @Test
    void fourThousandAstralCodePointsInEightThousandCharsAreAccepted() {
        String text = ASTRAL.repeat(4000);
        assertEquals(8000, text.length());
        assertTrue(rule.check(text, null).isEmpty());
    }

    @Test
    void fourThousandAndOneAstralCodePointsAreTooLong() {
        ErrorFrame error = rule.check(ASTRAL.repeat(4001), null).orElseThrow();
        assertNotNull(error);
        assertEquals("too_long", error.code());
    }

    @Test
    void countsCodePointsNotCharsAtTheLimit() {
        assertTrue(rule.check("a".repeat(3999) + ASTRAL, null).isEmpty(), "4000 code points in 4001 chars");
        assertTrue(rule.check("a".repeat(4000) + ASTRAL, null).isPresent());
    }

    @Test
    void errorsEchoTheRef() {
        ErrorFrame empty = rule.check(" ", "c1").orElseThrow();
        assertEquals(new ErrorFrame("error", "empty", empty.message(), "c1"), empty);
        ErrorFrame tooLong = rule.check("a".repeat(4001), "c2").orElseThrow();
        assertEquals(new ErrorFrame("error", "too_long", tooLong.message(), "c2"), tooLong);
        assertNull(rule.check(" ", null).orElseThrow().ref());
    }

    @Test
    void honoursAConfiguredLimit() {
        TextRule five = new TextRule(5);
        assertTrue(five.check("abcde", null).isEmpty());
        assertEquals("too_long", five.check("abcdef", null).orElseThrow().code());
    }

    @Test
    void withDataTheTextMayBeAbsentOrBlank() {
        JsonObject data = Json.createObjectBuilder().add("a", 1).build();
        assertTrue(rule.check(null, data, "d1").isEmpty());
        assertTrue(rule.check("", data, "d1").isEmpty());
        assertTrue(rule.check("  ", data, "d1").isEmpty());
        assertTrue(rule.check("caption", data, "d1").isEmpty());
    }

    @Test
    void withDataTheTextIsStillLimited() {
        JsonObject data = Json.createObjectBuilder().add("a", 1).build();
        assertEquals("too_long", rule.check("a".repeat(4001), data, "d1").orElseThrow().code());
    }

    @Test
    void neitherTextNorDataIsABadRequest() {
        ErrorFrame refused = rule.check(null, null, "n1").orElseThrow();
        assertEquals(new ErrorFrame("error", "bad_request", "a message needs text or data", "n1"), refused);
    }

    @Test
    void dataOverItsLimitIsTooLarge() {
        TextRule small = new TextRule(10, new DataRule(16));
        JsonObject fits = Json.createObjectBuilder().add("s", "12345678").build(); // 16 bytes
        JsonObject over = Json.createObjectBuilder().add("s", "123456789").build();
        assertTrue(small.check("hi", fits, null).isEmpty());
        assertEquals("data_too_large", small.check("hi", over, "o1").orElseThrow().code());
        assertEquals("data_too_large", small.check(null, over, "o1").orElseThrow().code());
    }
}
