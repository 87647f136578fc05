package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Broker;
import dev.parley.broker.IdempotencyContract;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryIdempotencyTest extends IdempotencyContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, clock);
    }

    @Test
    void aKeyIsForgottenAfterItsTimeToLive() {
        MemoryIdempotency store = new MemoryIdempotency(10, clock);
        store.claim("k", Duration.ofMinutes(5));
        store.complete("k", "first");
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertEquals(Optional.of("first"), store.claim("k", Duration.ofMinutes(5)));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), store.claim("k", Duration.ofMinutes(5)));
    }

    @Test
    void pastTheCapacityTheOldestKeyGoesFirst() {
        MemoryIdempotency store = new MemoryIdempotency(3, clock);
        for (String key : List.of("a", "b", "c", "d")) {
            store.claim(key, Duration.ofMinutes(5));
            store.complete(key, key);
        }
        assertEquals(3, store.size());
        assertEquals(Optional.of("b"), store.claim("b", Duration.ofMinutes(5)));
        assertEquals(Optional.empty(), store.claim("a", Duration.ofMinutes(5)), "a, the oldest, was forgotten");
    }
}
