package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop is the completion of every write it starts; these completions come from another thread, some
 * before the transport's call returns and some after, while frames keep being offered.
 */
class WriteLoopTest {
    private volatile Thread completerThread;
    private final ExecutorService completer = Executors.newSingleThreadExecutor(r -> {
        completerThread = new Thread(r, "completer");
        return completerThread;
    });

    @AfterEach
    void stop() {
        completer.shutdownNow();
    }

    /**
     * Completes every write on another thread: every third one started by the test's thread before
     * {@code send} returns (a write started by a completion cannot wait for the one completing thread).
     */
    private final class ThreadedTransport implements Transport {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public void send(Encoded frame, Consumer<Throwable> done) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            texts.add(frame.text());
            CountDownLatch completed = new CountDownLatch(1);
            completer.execute(() -> {
                inFlight.decrementAndGet();
                done.accept(null);
                completed.countDown();
            });
            if (sends.incrementAndGet() % 3 == 0 && Thread.currentThread() != completerThread) {
                try {
                    completed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void ping(Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void close(Close close) {
        }

        @Override
        public void abort(Close close) {
        }
    }

    @Test
    void completionsFromAnotherThreadWriteEveryFrameOnceAndInOrder() throws InterruptedException {
        int n = 20_000;
        ThreadedTransport transport = new ThreadedTransport();
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Outbox outbox = new Outbox(transport, 1_000_000, Long.MAX_VALUE, new Outbox.Events() {
            @Override
            public void written(Encoded frame) {
                written.add(frame.text());
            }

            @Override
            public void failed(Throwable failure) {
                throw new AssertionError(failure);
            }
        });
        outbox.open(List.of(), Collections.emptyIterator(), 0);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add("f" + i);
            assertEquals(Outbox.Offer.QUEUED, outbox.offer(Encoded.raw("f" + i, "test")));
        }
        for (int i = 0; i < 500 && written.size() < n; i++) {
            Thread.sleep(20);
        }
        completer.shutdown();
        assertTrue(completer.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(expected, transport.texts, "each frame written once, in order");
        assertEquals(expected, written);
        assertEquals(1, transport.maxInFlight.get(), "one write in flight at a time");
        assertEquals(0, outbox.depth());
    }
}
