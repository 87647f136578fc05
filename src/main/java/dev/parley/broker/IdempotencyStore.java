package dev.parley.broker;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers kept under idempotency keys for a while, so that a call repeated with the same key gets the
 * first call's answer and does nothing; shared by every node of a shared broker. The first caller of a
 * key claims it, runs its call, then completes the key with its answer (or releases it, when nothing
 * was done); the others get that answer, waiting for it while the first still runs.
 */
public interface IdempotencyStore {

    /**
     * Empty when this caller is the first within {@code ttl} and must now {@link #complete} or
     * {@link #release} the key; else the answer the first stored, once it is there.
     *
     * @throws BrokerUnavailableException when the broker cannot answer, or the first call of the key
     *                                    runs for longer than the broker waits
     */
    Optional<String> claim(String key, Duration ttl);

    /** Stores the answer of the key's claim, kept until the claim's {@code ttl} is over. */
    void complete(String key, String answer);

    /** Forgets the key's claim: the next call with it runs again. */
    void release(String key);
}
