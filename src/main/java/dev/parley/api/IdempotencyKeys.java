package dev.parley.api;

import dev.parley.broker.BrokerUnavailableException;
import dev.parley.broker.IdempotencyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The answers to POSTs made with an {@code Idempotency-Key}, kept by the broker for a while so that a
 * repeat, on any node, gets the first answer and does nothing. Repeats that arrive while the first call
 * still runs wait for its answer.
 */
final class IdempotencyKeys {
    private static final System.Logger LOG = System.getLogger(IdempotencyKeys.class.getName());
    static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;
    private final Duration ttl;

    IdempotencyKeys(IdempotencyStore store, Duration ttl) {
        this.store = store;
        this.ttl = ttl;
    }

    /** @throws ApiProblem 400 when the key is empty or over {@value #MAX_KEY_LENGTH} characters */
    static void check(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new ApiProblem(400, "bad_request", "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /**
     * The first answer under {@code key} in {@code scope} (the call's path) within the time kept, else
     * the answer of {@code call}, which is then kept. A 503 is not kept: nothing was done, so a repeat may
     * try again.
     *
     * @throws ApiProblem 503 when the broker cannot keep the key now
     */
    StoredReply once(String scope, String key, Supplier<StoredReply> call) {
        String id = scope + '\n' + key;
        Optional<String> first;
        try {
            first = store.claim(id, ttl);
        } catch (BrokerUnavailableException e) {
            throw new ApiProblem(503, "unavailable", "the call's Idempotency-Key cannot be checked now; nothing was "
                    + "done, try again");
        }
        if (first.isPresent()) {
            return decode(first.get());
        }
        StoredReply reply;
        try {
            reply = call.get();
        } catch (RuntimeException | Error e) {
            forget(id);
            throw e;
        }
        try {
            if (reply.status() == 503) {
                store.release(id);
            } else {
                store.complete(id, reply.status() + "\n" + reply.body());
            }
        } catch (BrokerUnavailableException e) {
            // the call was done: its answer stands, though a repeat may not find it
            LOG.log(System.Logger.Level.WARNING, "the answer to an idempotent call was not kept", e);
        }
        return reply;
    }

    private void forget(String id) {
        try {
            store.release(id);
        } catch (BrokerUnavailableException e) {
            LOG.log(System.Logger.Level.WARNING, "an idempotency key was not released", e);
        }
    }

    private static StoredReply decode(String answer) {
        int newline = answer.indexOf('\n');
        return new StoredReply(Integer.parseInt(answer.substring(0, newline)), answer.substring(newline + 1));
    }
}
