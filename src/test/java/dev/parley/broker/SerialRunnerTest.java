package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialRunnerTest {
    /** A runner whose one caller always runs everything: no task is ever handed on. */
    private static SerialRunner unbounded() {
        return new SerialRunner(task -> {
            throw new AssertionError("nothing should be handed on");
        }, Integer.MAX_VALUE);
    }

    /** An executor that keeps what it is given for the test to run. */
    private static final class Kept implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runNext() {
            tasks.remove().run();
        }
    }

    @Test
    void theFirstCallerRunsAndTheTasksRunInOrder() {
        SerialRunner runner = unbounded();
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
        SerialRunner runner = unbounded();
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
        SerialRunner runner = unbounded();
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
    void aTaskThatThrowsAnErrorDoesNotWedgeTheRunner() {
        Kept carryOn = new Kept();
        SerialRunner runner = new SerialRunner(carryOn, 100);
        List<Integer> ran = new ArrayList<>();
        AssertionError error = new AssertionError("thrown by this test");
        runner.add(() -> ran.add(1));
        runner.add(() -> {
            throw error;
        });
        runner.add(() -> ran.add(3));
        runner.add(() -> ran.add(4));

        assertSame(error, assertThrows(AssertionError.class, runner::runAll), "the error reaches the caller");
        assertEquals(List.of(1), ran);
        assertEquals(1, carryOn.tasks.size(), "the rest was handed on");
        assertFalse(runner.add(() -> ran.add(5)), "the carry-on is due to run: not idle");

        carryOn.runNext();
        assertEquals(List.of(1, 3, 4, 5), ran);
        assertTrue(carryOn.tasks.isEmpty());
        assertTrue(runner.add(() -> ran.add(6)), "idle again");
        runner.runAll();
        assertEquals(List.of(1, 3, 4, 5, 6), ran);
    }

    @Test
    void anErrorFromTheLastTaskLeavesTheRunnerIdle() {
        Kept carryOn = new Kept();
        SerialRunner runner = new SerialRunner(carryOn, 100);
        runner.add(() -> {
            throw new AssertionError("thrown by this test");
        });
        assertThrows(AssertionError.class, runner::runAll);
        assertTrue(carryOn.tasks.isEmpty(), "nothing left to hand on");
        List<Integer> ran = new ArrayList<>();
        assertTrue(runner.add(() -> ran.add(1)));
        runner.runAll();
        assertEquals(List.of(1), ran);
    }

    @Test
    void oneCallerRunsAtMostMaxPerCallerAndHandsTheRestOnInOrder() {
        Kept carryOn = new Kept();
        SerialRunner runner = new SerialRunner(carryOn, 3);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int n = i;
            runner.add(() -> ran.add(n));
        }
        runner.runAll();
        assertEquals(List.of(0, 1, 2), ran, "the caller ran three");
        assertEquals(1, carryOn.tasks.size());
        assertFalse(runner.add(() -> ran.add(7)), "still taken");

        carryOn.runNext();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), ran);
        assertEquals(1, carryOn.tasks.size());
        carryOn.runNext();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ran);
        assertTrue(carryOn.tasks.isEmpty());
        assertTrue(runner.add(() -> ran.add(8)));
    }

    @Test
    void exactlyMaxPerCallerTasksAreRunWithoutHandingOn() {
        Kept carryOn = new Kept();
        SerialRunner runner = new SerialRunner(carryOn, 3);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            runner.add(() -> ran.add(n));
        }
        runner.runAll();
        assertEquals(List.of(0, 1, 2), ran);
        assertTrue(carryOn.tasks.isEmpty());
    }

    @Test
    void tasksFromManyThreadsRunInAddOrderNeverTwoAtOnce() throws InterruptedException {
        ExecutorService carryOn = Executors.newFixedThreadPool(2);
        try {
            manyThreads(new SerialRunner(carryOn, 16));
        } finally {
            carryOn.shutdownNow();
        }
    }

    @Test
    void tasksFromManyThreadsRunInAddOrderWhenEachCallerRunsEverything() throws InterruptedException {
        manyThreads(unbounded());
    }

    private static void manyThreads(SerialRunner runner) throws InterruptedException {
        int threads = 8;
        int perThread = 5_000;
        Object orderLock = new Object();
        List<Integer> added = new ArrayList<>();
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads * perThread);

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
                            done.countDown();
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
        assertTrue(done.await(60, TimeUnit.SECONDS), "some tasks never ran");
        assertEquals(0, overlaps.get(), "two tasks ran at once");
        assertEquals(threads * perThread, ran.size());
        synchronized (orderLock) {
            assertEquals(added, ran);
        }
    }
}
