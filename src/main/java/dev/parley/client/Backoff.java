package dev.parley.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays, as the browser clients use them: between half and all of min(30 s, 0.5 s × 2^attempt),
 * so that many clients dropped at once do not all come back at once.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(30);

    private final DoubleSupplier random;

    /** {@code random} gives numbers in [0, 1). */
    Backoff(DoubleSupplier random) {
        this.random = random;
    }

    Duration delay(int attempt) {
        long ceiling = attempt >= 6 ? MAX.toMillis() : Math.min(MAX.toMillis(), FIRST.toMillis() << attempt);
        return Duration.ofMillis(Math.round(ceiling * (0.5 + random.getAsDouble() / 2)));
    }
}
