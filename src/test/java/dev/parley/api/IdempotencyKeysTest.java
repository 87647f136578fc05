package dev.parley.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.broker.memory.MemoryBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {
    private final MemoryBroker broker = new MemoryBroker(3, 3, Duration.ofDays(1), Clock.systemUTC());
    private final IdempotencyKeys keys = new IdempotencyKeys(broker.idempotency(), Duration.ofMinutes(5));
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private StoredReply call() {
        return new StoredReply(201, "{\"n\":" + calls.incrementAndGet() + "}");
    }

    @Test
    void aRepeatGetsTheFirstAnswerAndDoesNothing() {
        StoredReply first = keys.once("/rooms/a/messages", "k1", this::call);
        assertEquals(first, keys.once("/rooms/a/messages", "k1", this::call));
        assertEquals(1, calls.get());
    }

    @Test
    void aKeyIsKeptPerPath() {
        keys.once("/rooms/a/messages", "k1", this::call);
        assertEquals("{\"n\":2}", keys.once("/rooms/b/messages", "k1", this::call).body());
    }

    @Test
    void unavailableIsNotKeptSoARepeatTriesAgain() {
        assertEquals(503, keys.once("/p", "k", () -> new StoredReply(503, "{}")).status());
        assertEquals(201, keys.once("/p", "k", this::call).status());
    }

    @Test
    void aStatusAndABodyWithNewlinesComeBackAsTheyWere() {
        StoredReply first = keys.once("/p", "k", () -> new StoredReply(409, "{\"a\":\n\"b\"}"));
        assertEquals(first, keys.once("/p", "k", this::call));
    }

    @Test
    void aCallThatThrowsIsNotKept() {
        assertThrows(IllegalStateException.class, () -> keys.once("/p", "k", () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(201, keys.once("/p", "k", this::call).status());
    }

    @Test
    void concurrentRepeatsRunTheCallOnceAndAllGetItsAnswer() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<StoredReply>> replies = new ArrayList<>();
            replies.add(threads.submit(() -> keys.once("/p", "k", () -> {
                inCall.countDown();
                await(release);
                return call();
            })));
            await(inCall);
            for (int i = 0; i < 7; i++) {
                replies.add(threads.submit(() -> keys.once("/p", "k", this::call)));
            }
            release.countDown();
            for (Future<StoredReply> reply : replies) {
                assertEquals(new StoredReply(201, "{\"n\":1}"), reply.get());
            }
            assertEquals(1, calls.get());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aKeyMustBeOneToTwoHundredCharacters() {
        IdempotencyKeys.check("x".repeat(200));
        for (String bad : List.of("", "x".repeat(201))) {
            ApiProblem problem = assertThrows(ApiProblem.class, () -> IdempotencyKeys.check(bad));
            assertEquals(400, problem.status());
            assertEquals("bad_request", problem.code());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
