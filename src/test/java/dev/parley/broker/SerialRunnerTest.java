package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialRunnerTest {

    @Test
    void theFirstCallerRunsAndTheTasksRunInOrder() {
        SerialRunner runner = new SerialRunner();
        List<Integer> ran = new ArrayList<>();
        assertTrue(runner.add(() -> ran.add(1)));
        assertFalse(runner.add(() -> ran.add(2)), "someone is already due to run");
        assertFalse(runner.add(() -> ran.add(3)));
        assertEquals(List.of(), ran, "adding runs nothing");
        runner.runAll();
        assertEquals(List.of(1, 2, 3), ran);
        assertTrue(runner.add(() -> ran.add(4)), "idle again");
        runner.runAll();
        assertEquals(List.of(1, 2, 3, 4), ran);
    }

    @Test
    void aTaskAddedWhileRunningIsRunByTheSameCaller() {
        SerialRunner runner = new SerialRunner();
        List<String> ran = new ArrayList<>();
        boolean[] nestedMustRun = new boolean[1];
        assertTrue(runner.add(() -> {
            ran.add("outer");
            nestedMustRun[0] = runner.add(() -> ran.add("inner"));
        }));
        runner.runAll();
        assertFalse(nestedMustRun[0]);
        assertEquals(List.of("outer", "inner"), ran);
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        SerialRunner runner = new SerialRunner();
        List<Integer> ran = new ArrayList<>();
        runner.add(() -> ran.add(1));
        runner.add(() -> {
            throw new IllegalStateException("a listener failed (expected by this test)");
        });
        runner.add(() -> ran.add(3));
        runner.runAll();
        assertEquals(List.of(1, 3), ran);
        assertTrue(runner.add(() -> ran.add(4)));
    }

    @Test
    void tasksFromManyThreadsRunInAddOrderNeverTwoAtOnce() throws InterruptedException {
        int threads = 8;
        int perThread = 5_000;
        SerialRunner runner = new SerialRunner();
        Object orderLock = new Object();
        List<Integer> added = new ArrayList<>();
        List<Integer> ran = new ArrayList<>(); // guarded by the runner itself: never two tasks at once
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    boolean mustRun;
                    synchronized (orderLock) { // as a topic does: the lock fixes the order
                        int n = next.getAndIncrement();
                        added.add(n);
                        mustRun = runner.add(() -> {
                            if (running.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            ran.add(n);
                            running.decrementAndGet();
                        });
                    }
                    if (mustRun) {
                        runner.runAll();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(worker.isAlive(), "a worker did not finish");
        }
        assertEquals(0, overlaps.get(), "two tasks ran at once");
        assertEquals(threads * perThread, ran.size());
        assertEquals(added, ran);
    }
}
