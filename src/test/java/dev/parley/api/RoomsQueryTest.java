package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoomsQueryTest {

    @Test
    void defaultsToTheFirstPageOfAHundred() {
        assertEquals(new RoomsQuery(null, 100), RoomsQuery.of(null, null));
        assertEquals(new RoomsQuery(null, 100), RoomsQuery.of("", ""));
    }

    @Test
    void takesAfterAndLimit() {
        assertEquals(new RoomsQuery("lobby", 1000), RoomsQuery.of("lobby", "1000"));
    }

    @ParameterizedTest
    @CsvSource({"'', 0", "'', 1001", "'', x", "'', -1", "a b, 10"})
    void aBadLimitOrAfterIs400(String after, String limit) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> RoomsQuery.of(after, limit));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
    }
}
