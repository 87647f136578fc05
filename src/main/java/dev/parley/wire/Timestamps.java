package dev.parley.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats {@code ts} fields: ISO-8601, UTC, always with milliseconds. */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    /** One second's text up to the milliseconds; messages of the same second share it. */
    private record Second(long epochSecond, String prefix) {
    }

    // Every message is formatted at least once, most within the second before; the formatter costs about a
    // microsecond per call, the cached second a comparison.
    private static volatile Second last = new Second(0, SECONDS.format(Instant.EPOCH));

    private Timestamps() {
    }

    public static String format(Instant instant) {
        Second second = last;
        if (second.epochSecond() != instant.getEpochSecond()) {
            second = new Second(instant.getEpochSecond(), SECONDS.format(instant));
            last = second;
        }
        int millis = instant.getNano() / 1_000_000;
        char[] tail = {(char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10), 'Z'};
        return second.prefix().concat(new String(tail));
    }
}
