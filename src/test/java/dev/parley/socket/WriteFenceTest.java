package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WriteFenceTest {

    /** A thread that enters the fence, says so, and stays inside until released. */
    private static final class Writer extends Thread {
        final CountDownLatch inside = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean out = new AtomicBoolean();
        private final WriteFence fence;

        private Writer(WriteFence fence) {
            this.fence = fence;
            setDaemon(true);
        }

        /** A writer started, and inside the fence. */
        static Writer inside(WriteFence fence) throws InterruptedException {
            Writer writer = new Writer(fence);
            writer.start();
            assertTrue(writer.inside.await(5, TimeUnit.SECONDS), "the writer entered");
            return writer;
        }

        @Override
        public void run() {
            if (!fence.enter()) {
                return;
            }
            try {
                inside.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                out.set(true);
                fence.exit();
            }
        }
    }

    @Test
    void writesPassUntilShutAndNoneAfter() {
        WriteFence fence = new WriteFence();
        assertTrue(fence.enter());
        assertTrue(fence.enter(), "writes nest and share the fence");
        fence.exit();
        fence.exit();

        assertTrue(fence.shut());
        assertTrue(fence.isShut());
        assertFalse(fence.enter());
    }

    @Test
    void shutReturnsOnlyOnceTheWriteUnderWayOnAnotherThreadIsDone() throws Exception {
        WriteFence fence = new WriteFence();
        Writer writer = Writer.inside(fence);

        CompletableFuture<Boolean> shut = CompletableFuture.supplyAsync(() -> {
            boolean drained = fence.shut();
            return drained && writer.out.get();
        });
        awaitShutFlag(fence);
        assertFalse(fence.enter(), "no write starts while the fence waits to shut");
        assertFalse(shut.isDone(), "shut waits for the writer");

        writer.release.countDown();
        assertTrue(shut.get(5, TimeUnit.SECONDS), "shut returned after the writer left, and drained");
    }

    @Test
    void theContainerClosingInsideThisThreadsOwnWriteDoesNotWaitForIt() {
        WriteFence fence = new WriteFence();
        assertTrue(fence.enter());        // Parley's close, say, during which the container calls the endpoint's close
        assertTrue(fence.shut());
        assertFalse(fence.enter());
        fence.exit();
    }

    @Test
    void insideItsOwnWriteShutStillWaitsForOtherThreads() throws Exception {
        WriteFence fence = new WriteFence();
        Writer other = Writer.inside(fence);

        assertTrue(fence.enter());
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            awaitShutFlag(fence);
            other.release.countDown();
        });
        assertTrue(fence.shut());
        assertTrue(other.out.get(), "the other thread's write was done before shut returned");
        fence.exit();
        release.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWriteThatNeverEndsHoldsShutOnlyForTheBound() throws Exception {
        WriteFence fence = new WriteFence();
        Writer stuck = Writer.inside(fence);

        assertFalse(fence.shut(), "not drained");
        assertFalse(stuck.out.get());
        assertFalse(fence.enter());
        stuck.release.countDown();
        stuck.join(5_000);
        assertEquals(Thread.State.TERMINATED, stuck.getState());
    }

    private static void awaitShutFlag(WriteFence fence) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!fence.isShut()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fence was never shut");
            }
            Thread.onSpinWait();
        }
    }
}
