package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Idempotency keys: the first claim runs, the others get its answer, waiting for it while it runs. */
public abstract class IdempotencyContract extends BrokerContract {
    private static final Duration TTL = Duration.ofMinutes(5);

    @Test
    public void theFirstClaimIsTheCallersAndTheNextGetItsAnswer() {
        IdempotencyStore store = broker.idempotency();
        assertEquals(Optional.empty(), store.claim("k1", TTL));
        store.complete("k1", "201\n{\"id\":\"m-1\"}");
        assertEquals(Optional.of("201\n{\"id\":\"m-1\"}"), store.claim("k1", TTL));
        assertEquals(Optional.of("201\n{\"id\":\"m-1\"}"), store.claim("k1", TTL));
        assertEquals(Optional.empty(), store.claim("k2", TTL), "another key is another call");
    }

    @Test
    public void aReleasedKeyIsClaimedAgain() {
        IdempotencyStore store = broker.idempotency();
        assertEquals(Optional.empty(), store.claim("k", TTL));
        store.release("k");
        assertEquals(Optional.empty(), store.claim("k", TTL));
    }

    @Test
    public void aClaimWaitsForTheAnswerOfTheOneStillRunning() throws Exception {
        IdempotencyStore store = broker.idempotency();
        assertEquals(Optional.empty(), store.claim("k", TTL));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Optional<String>> repeat = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return store.claim("k", TTL);
        });
        started.await();
        store.complete("k", "the answer");
        assertEquals(Optional.of("the answer"), repeat.get(10, TimeUnit.SECONDS));
    }

    @Test
    public void aClaimWaitingOnOneThatIsReleasedClaimsTheKeyItself() throws Exception {
        IdempotencyStore store = broker.idempotency();
        assertEquals(Optional.empty(), store.claim("k", TTL));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Optional<String>> repeat = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return store.claim("k", TTL);
        });
        started.await();
        store.release("k");
        assertEquals(Optional.empty(), await(repeat));
    }

    private static Optional<String> await(CompletableFuture<Optional<String>> claim)
            throws InterruptedException, ExecutionException, TimeoutException {
        return claim.get(10, TimeUnit.SECONDS);
    }
}
