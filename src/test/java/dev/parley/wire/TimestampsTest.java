package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
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

    @Test
    void agreesWithTheFullFormatterWithinAndAcrossSecondsInAnyOrder() {
        DateTimeFormatter full = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        Random random = new Random(42);
        long base = Instant.parse("2026-12-06T05:00:00Z").getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            // mostly the same few seconds, sometimes far away and back, as messages of several streams are
            long second = random.nextInt(10) == 0 ? random.nextInt(2_000_000_000) - 1_000_000_000L
                    : base + random.nextInt(3);
            Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
            assertEquals(full.format(instant), Timestamps.format(instant), instant::toString);
        }
    }
}
