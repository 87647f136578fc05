package dev.parley.broker.redis;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.IdempotencyStore;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency keys in Redis, shared by every node: a claim is a {@code SET NX} with the key's time to
 * live, marked pending; its answer replaces the mark and keeps the time. A claim that finds the mark
 * asks again every few milliseconds until the answer is there, the mark is gone (released: it claims
 * the key itself), or {@link #WAIT} has passed.
 */
final class RedisIdempotency implements IdempotencyStore {
    private static final String PREFIX = "parley:idempotency:";
    private static final String PENDING = "p";
    private static final String ANSWER = "a:";
    /** How long a repeat waits for the first call of its key before it is told to try again. */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;

    private final RedisCommands<String, String> redis;

    RedisIdempotency(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public Optional<String> claim(String key, Duration ttl) {
        String id = PREFIX + key;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String set = Functions.call(() -> redis.set(id, PENDING, SetArgs.Builder.nx().px(ttl.toMillis())));
            if ("OK".equals(set)) {
                return Optional.empty();
            }
            String value = Functions.call(() -> redis.get(id));
            if (value != null && value.startsWith(ANSWER)) {
                return Optional.of(value.substring(ANSWER.length()));
            }
            if (value != null && System.nanoTime() > deadline) {
                throw new BrokerUnavailableException("the first call with this idempotency key is still running", null);
            }
            if (value != null) {
                pause();
            }
        }
    }

    @Override
    public void complete(String key, String answer) {
        Functions.call(() -> redis.set(PREFIX + key, ANSWER + answer, SetArgs.Builder.xx().keepttl()));
    }

    @Override
    public void release(String key) {
        Functions.call(() -> redis.del(PREFIX + key));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for an idempotency key", e);
        }
    }
}
