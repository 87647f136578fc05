package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void readsAJsonBodyUpToTheLimit() throws IOException {
        String body = "{\"text\":\"héllo\"}";
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(body, RequestBody.read("application/json; charset=UTF-8", bytes, in(body), bytes));
        assertEquals(body, RequestBody.read("application/json", -1, in(body), bytes), "chunked, no length");
    }

    @Test
    void onlyJsonIsTaken() {
        assertTrue(RequestBody.isJson("application/json"));
        assertTrue(RequestBody.isJson("Application/JSON ;charset=utf-8"));
        assertFalse(RequestBody.isJson(null));
        assertFalse(RequestBody.isJson("text/plain"));
        assertFalse(RequestBody.isJson("application/x-www-form-urlencoded"));
        assertFalse(RequestBody.isJson("application/jsonx"));
        ApiProblem problem = assertThrows(ApiProblem.class, () -> RequestBody.read("text/plain", 2, in("{}"), 10));
        assertEquals(415, problem.status());
        assertEquals("unsupported_media_type", problem.code());
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrNot() {
        String body = "{\"text\":\"0123456789\"}";
        ApiProblem declared = assertThrows(ApiProblem.class,
                () -> RequestBody.read("application/json", body.length(), in(body), body.length() - 1));
        assertEquals(413, declared.status());
        assertEquals("too_large", declared.code());
        ApiProblem chunked = assertThrows(ApiProblem.class,
                () -> RequestBody.read("application/json", -1, in(body), body.length() - 1));
        assertEquals(413, chunked.status());
    }

    @Test
    void invalidUtf8IsBadJson() {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> RequestBody.read("application/json", 3,
                new ByteArrayInputStream(new byte[] {'{', (byte) 0xC3, '}'}), 10));
        assertEquals(400, problem.status());
        assertEquals("bad_json", problem.code());
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
