package dev.parley.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HookAnswerTest {
    private static final JsonObject DATA = Json.createObjectBuilder().add("mood", "happy").build();
    private final HookRequest request = HookRequest.room("lobby", "alice", "hello", DATA);

    @Test
    void acceptKeepsTheMessageAsSent() {
        HookVerdict verdict = HookAnswer.read("{\"result\":\"accept\"}", request);
        assertEquals(new HookVerdict.Accept("hello", DATA), verdict);
        assertEquals("accept", HookAnswer.result(verdict, request));
    }

    @Test
    void acceptWithTextOrDataChangesThem() {
        HookVerdict text = HookAnswer.read("{\"result\":\"accept\",\"text\":\"h*llo\"}", request);
        assertEquals(new HookVerdict.Accept("h*llo", DATA), text);
        assertEquals("changed", HookAnswer.result(text, request));

        HookVerdict data = HookAnswer.read("{\"result\":\"accept\",\"data\":{\"n\":1}}", request);
        assertEquals(new HookVerdict.Accept("hello", Json.createObjectBuilder().add("n", 1).build()), data);
        assertEquals("changed", HookAnswer.result(data, request));

        HookVerdict removed = HookAnswer.read("{\"result\":\"accept\",\"data\":null}", request);
        assertNull(((HookVerdict.Accept) removed).data());
    }

    @Test
    void anAnswerRepeatingTheMessageCountsAsAccept() {
        HookVerdict same = HookAnswer.read("{\"result\":\"accept\",\"text\":\"hello\",\"data\":{\"mood\":\"happy\"}}",
                request);
        assertEquals("accept", HookAnswer.result(same, request));
    }

    @Test
    void refuseCarriesASafeCodeAndTheMessage() {
        HookVerdict verdict = HookAnswer.read("{\"result\":\"refuse\",\"code\":\"bad_word\",\"message\":\"mind your words\"}",
                request);
        assertEquals(new HookVerdict.Refuse("bad_word", "mind your words"), verdict);
        assertEquals("refuse", HookAnswer.result(verdict, request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Bad-Code\"", "\"<script>\"", "\"\"", "\"a_code_that_is_much_longer_than_32\"", "null"})
    void anyOtherCodeIsForbidden(String code) {
        HookVerdict verdict = HookAnswer.read("{\"result\":\"refuse\",\"code\":" + code + "}", request);
        assertEquals(new HookVerdict.Refuse("forbidden", "the message was refused"), verdict);
    }

    @Test
    void aLongRefusalMessageIsShortened() {
        HookVerdict.Refuse verdict = (HookVerdict.Refuse) HookAnswer.read(
                "{\"result\":\"refuse\",\"message\":\"" + "😀".repeat(300) + "\"}", request);
        assertEquals(200, verdict.message().codePointCount(0, verdict.message().length()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "\"accept\"", "{}", "{\"result\":\"maybe\"}", "{\"result\":1}",
            "{\"result\":\"accept\",\"text\":5}", "{\"result\":\"accept\",\"data\":[1]}",
            "{\"result\":\"refuse\",\"code\":7}", "{\"result\":\"accept\"} trailing"})
    void anythingElseIsUnreadable(String body) {
        assertThrows(HookAnswer.UnreadableAnswer.class, () -> HookAnswer.read(body, request));
    }
}
