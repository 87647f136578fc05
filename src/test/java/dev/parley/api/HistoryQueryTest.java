package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryQueryTest {

    @Test
    void sinceAndLimitAreOptional() {
        assertEquals(new HistoryQuery(null, null), HistoryQuery.of(null, null));
        assertEquals(new HistoryQuery(null, null), HistoryQuery.of("", ""));
        assertEquals(new HistoryQuery("m5x2k9q-42", 10), HistoryQuery.of("m5x2k9q-42", "10"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "ten", "1.5", "99999999999"})
    void aLimitThatIsNotAPositiveWholeNumberIs400(String limit) {
        ApiProblem problem = assertThrows(ApiProblem.class, () -> HistoryQuery.of(null, limit));
        assertEquals(400, problem.status());
        assertEquals("bad_request", problem.code());
    }
}
