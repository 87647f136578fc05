package dev.parley.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialChainTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final SerialChain chain = new SerialChain(executor);
    private final List<String> done = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void actionsOfALaneRunInTheOrderTheyCameWhateverTheOrderOfTheirAnswers() throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            answers.add(answer);
            chain.then("room/a", answer, value -> {
                done.add(value);
                all.countDown();
            });
        }
        for (int i = 4; i >= 0; i--) {
            answers.get(i).complete("m" + i);
        }
        assertTrue(all.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), done);
        awaitNoLanes();
    }

    @Test
    void aLaneWaitsForNoOtherLane() throws Exception {
        CompletableFuture<String> slow = new CompletableFuture<>();
        CountDownLatch fast = new CountDownLatch(1);
        chain.then("room/a", slow, done::add);
        chain.then("room/b", CompletableFuture.completedFuture("b"), value -> {
            done.add(value);
            fast.countDown();
        });
        assertTrue(fast.await(5, TimeUnit.SECONDS), "room b's action ran while room a's answer was awaited");
        assertEquals(List.of("b"), done);
        slow.complete("a");
        awaitNoLanes();
        assertEquals(List.of("b", "a"), done);
    }

    @Test
    void aFailingActionDoesNotStopItsLane() throws Exception {
        CountDownLatch second = new CountDownLatch(1);
        chain.then("room/a", CompletableFuture.completedFuture("x"), value -> {
            throw new IllegalStateException("broken");
        });
        chain.then("room/a", CompletableFuture.completedFuture("y"), value -> second.countDown());
        assertTrue(second.await(5, TimeUnit.SECONDS));
        awaitNoLanes();
    }

    private void awaitNoLanes() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (chain.lanes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, chain.lanes(), "a lane with nothing waiting is forgotten");
    }
}
