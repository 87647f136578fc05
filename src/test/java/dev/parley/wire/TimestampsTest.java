package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void wholeSecondsStillCarryMilliseconds() {
        assertEquals("1970-01-01T00:00:00.000Z", Timestamps.format(Instant.EPOCH));
        assertEquals("2024-02-29T23:59:59.000Z", Timestamps.format(Instant.parse("2024-02-29T23:59:59Z")));
    }

    @Test
    void subMillisecondPrecisionIsCutToMilliseconds() {
        assertEquals("2025-06-01T12:34:56.123Z", Timestamps.format(Instant.parse("2025-06-01T12:34:56.123456789Z")));
        assertEquals("2025-06-01T12:34:56.999Z", Timestamps.format(Instant.parse("2025-06-01T12:34:56.999999999Z")));
        assertEquals("2025-06-01T12:34:56.010Z", Timestamps.format(Instant.parse("2025-06-01T12:34:56.01Z")));
    }

    @Test
    void isUtcWithZ() {
        String ts = Timestamps.format(Instant.parse("2025-01-01T00:00:00.5Z"));
        assertEquals("2025-01-01T00:00:00.500Z", ts);
        assertEquals(Instant.parse("2025-01-01T00:00:00.500Z"), Instant.parse(ts));
    }
}
