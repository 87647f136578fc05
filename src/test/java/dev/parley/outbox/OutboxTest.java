package dev.parley.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.wire.CloseCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final Outbox.Limits ROOMY = new Outbox.Limits(1_000_000, Long.MAX_VALUE);

    private static Encoded frame(String text) {
        return Encoded.raw(text, "test");
    }

    private static Encoded frame(String text, long seq) {
        return new Encoded(text, Encoded.raw(text, "test").bytes(), seq, "test", null);
    }

    @Test
    void writesAFrameAtOnceWhenIdle() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        assertTrue(outbox.offer(frame("a")));
        assertEquals(List.of("a"), transport.sent());
        assertEquals(0, outbox.depth());
    }

    @Test
    void heldOutboxWritesNothingUntilRelease() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, true);
        assertTrue(outbox.offer(frame("s1", 1)));
        assertTrue(outbox.offer(frame("pong")));
        assertEquals(List.of(), transport.sent());
        assertEquals(2, outbox.depth());

        outbox.release(List.of(frame("welcome")), 0);
        assertEquals(List.of("welcome", "s1", "pong"), transport.sent());
    }

    @Test
    void releaseWritesTheHeadFirstAndDropsOnlyCoveredStreamFrames() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, true);
        outbox.offer(frame("s1", 1));
        outbox.offer(frame("pong-a"));
        outbox.offer(frame("s2", 2));
        outbox.offer(frame("s3", 3));
        outbox.offer(frame("pong-b"));
        outbox.offer(frame("s4", 4));

        outbox.release(List.of(frame("welcome"), frame("pending-1", 1), frame("pending-2", 2)), 2);

        assertEquals(List.of("welcome", "pending-1", "pending-2", "pong-a", "s3", "pong-b", "s4"), transport.sent());
        assertTrue(outbox.offer(frame("s5", 5)));
        assertEquals("s5", transport.sent().get(transport.sent().size() - 1));
    }

    @Test
    void releaseHappensOnlyOnce() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, true);
        outbox.release(List.of(frame("welcome")), 0);
        outbox.release(List.of(frame("second welcome")), 0);
        assertEquals(List.of("welcome"), transport.sent());
    }

    @Test
    void onlyOneWriteIsInFlightAtATime() {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.offer(frame("c"));
        assertEquals(List.of("a"), transport.sent());
        assertEquals(3, outbox.depth());

        assertTrue(transport.completeNext());
        assertEquals(List.of("a", "b"), transport.sent());
        assertEquals(2, outbox.depth());
        assertTrue(transport.completeNext());
        assertTrue(transport.completeNext());
        assertFalse(transport.completeNext());
        assertEquals(List.of("a", "b", "c"), transport.sent());
        assertEquals(1, transport.maxInFlight());
        assertEquals(0, outbox.depth());
    }

    @Test
    void preservesOfferOrder() {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("f" + i);
            outbox.offer(frame("f" + i));
            if (i % 3 == 0) {
                transport.completeNext();
            }
        }
        while (transport.completeNext()) {
            // drain
        }
        assertEquals(expected, transport.sent());
    }

    @Test
    void aHundredThousandInlineCompletionsOnReleaseDoNotOverflowTheStack() {
        int n = 100_000;
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, true);
        for (int i = 1; i <= n; i++) {
            assertTrue(outbox.offer(frame("f" + i, i)));
        }
        outbox.release(List.of(), 0);
        List<String> sent = transport.sent();
        assertEquals(n, sent.size());
        assertEquals("f1", sent.get(0));
        assertEquals("f" + n, sent.get(n - 1));
        assertEquals(0, outbox.depth());
    }

    @Test
    void aHundredThousandInlineCompletionsAfterALateOneDoNotOverflowTheStack() {
        int n = 100_000;
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        for (int i = 0; i <= n; i++) {
            assertTrue(outbox.offer(frame("f" + i)));
        }
        assertEquals(1, transport.sentCount());
        transport.completeInline(true);
        assertTrue(transport.completeNext());
        assertEquals(n + 1, transport.sentCount());
        assertEquals("f" + n, transport.sent().get(n));
        assertEquals(0, outbox.depth());
    }

    @Test
    void passingTheFrameLimitClosesWith4408OnceAndRefusesLaterOffers() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, new Outbox.Limits(3, Long.MAX_VALUE), true);
        assertTrue(outbox.offer(frame("a", 1)));
        assertTrue(outbox.offer(frame("b", 2)));
        assertTrue(outbox.offer(frame("c", 3)));
        assertEquals(List.of(), transport.closeCodes());

        assertFalse(outbox.offer(frame("d", 4)));
        assertEquals(List.of(CloseCodes.SLOW_CONSUMER), transport.closeCodes());
        assertEquals(4408, CloseCodes.SLOW_CONSUMER);
        assertTrue(outbox.isClosed());
        assertFalse(outbox.offer(frame("e", 5)));
        assertFalse(outbox.offer(frame("f")));
        outbox.release(List.of(frame("welcome")), 0);
        assertEquals(List.of(CloseCodes.SLOW_CONSUMER), transport.closeCodes());
        assertEquals(List.of(), transport.sent());
    }

    @Test
    void passingTheByteLimitClosesWith4408OnceAndRefusesLaterOffers() {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, new Outbox.Limits(100, 10), false);
        assertTrue(outbox.offer(frame("z"))); // in flight, so no longer counted
        assertTrue(outbox.offer(frame("12345")));
        assertTrue(outbox.offer(frame("12é4"))); // 5 bytes: exactly at the limit
        assertEquals(List.of(), transport.closeCodes());

        assertFalse(outbox.offer(frame("x")));
        assertEquals(List.of(CloseCodes.SLOW_CONSUMER), transport.closeCodes());
        assertFalse(outbox.offer(frame("y")));
        transport.completeNext();
        assertEquals(List.of("z"), transport.sent());
        assertEquals(List.of(CloseCodes.SLOW_CONSUMER), transport.closeCodes());
    }

    @Test
    void concurrentOverflowClosesExactlyOnce() throws InterruptedException {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, new Outbox.Limits(10, Long.MAX_VALUE), false);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    if (outbox.offer(frame("x"))) {
                        accepted.incrementAndGet();
                    }
                }
            });
            thread.start();
            producers.add(thread);
        }
        start.countDown();
        for (Thread thread : producers) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive());
        }
        assertEquals(List.of(CloseCodes.SLOW_CONSUMER), transport.closeCodes());
        assertEquals(11, accepted.get(), "one in flight and ten queued");
    }

    @Test
    void aFailedWriteClosesTheOutbox() {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.offer(frame("c"));

        assertTrue(transport.completeNext(new IOException("broken pipe")));

        assertTrue(outbox.isClosed());
        assertEquals(0, outbox.depth());
        assertEquals(0, transport.heldCount());
        assertFalse(outbox.offer(frame("d")));
        assertEquals(List.of("a"), transport.sent());
    }

    @Test
    void discardDropsQueuedFrames() {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.offer(frame("c"));

        outbox.discard();

        assertTrue(outbox.isClosed());
        assertTrue(transport.completeNext());
        assertEquals(List.of("a"), transport.sent());
        assertEquals(0, outbox.depth());
        assertFalse(outbox.offer(frame("d")));
        assertEquals(List.of("a"), transport.sent());
        assertEquals(List.of(), transport.closeCodes(), "the caller closes the socket");
    }

    @Test
    void discardOfAHeldOutboxWritesNothingOnRelease() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, true);
        outbox.offer(frame("s1", 1));
        outbox.discard();
        outbox.release(List.of(frame("welcome")), 0);
        assertEquals(List.of(), transport.sent());
    }

    @Test
    void manyProducersWithCompletionsOnAnotherThreadWriteEveryFrameOnceInEachProducersOrder()
            throws InterruptedException {
        int producers = 8;
        int perProducer = 5_000;
        int total = producers * perProducer;
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);

        AtomicInteger completed = new AtomicInteger();
        Thread completer = new Thread(() -> {
            try {
                while (completed.get() < total) {
                    if (transport.awaitAndCompleteNext(30, TimeUnit.SECONDS)) {
                        completed.incrementAndGet();
                    } else {
                        return; // nothing more came: the assertions below report it
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        completer.start();

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        for (int p = 0; p < producers; p++) {
            String name = "p" + p + "-";
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    if (!outbox.offer(frame(name + i))) {
                        refused.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "a producer did not finish");
        }
        completer.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(completer.isAlive(), "the completer did not finish");

        assertEquals(0, refused.get());
        List<String> sent = transport.sent();
        assertEquals(total, sent.size());
        assertEquals(total, new HashSet<>(sent).size(), "every frame written once");
        int[] next = new int[producers];
        for (String text : sent) {
            int dash = text.indexOf('-');
            int p = Integer.parseInt(text.substring(1, dash));
            int i = Integer.parseInt(text.substring(dash + 1));
            assertEquals(next[p], i, "producer " + p + " out of order");
            next[p]++;
        }
        assertEquals(1, transport.maxInFlight());
        assertEquals(0, outbox.depth());
    }
}
