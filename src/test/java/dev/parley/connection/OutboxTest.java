package dev.parley.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.connection.Outbox.Offer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxTest {
    private static final int ROOMY_FRAMES = 1_000_000;
    private static final long ROOMY_BYTES = Long.MAX_VALUE;
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final FakeTransport transport = new FakeTransport();
    private final List<Encoded> written = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final Outbox.Events events = new Outbox.Events() {
        @Override
        public void written(Encoded frame) {
            written.add(frame);
        }

        @Override
        public void failed(Throwable failure) {
            failures.add(failure);
        }
    };

    private static Encoded frame(String text) {
        return Encoded.raw(text, "test");
    }

    private static Encoded frame(String text, long seq) {
        return new Encoded(text, Encoded.raw(text, "test").bytes(), seq, "test", null, Encoded.NOTHING);
    }

    private Outbox opening(int maxFrames, long maxBytes) {
        return new Outbox(transport, maxFrames, maxBytes, events);
    }

    private Outbox opening() {
        return opening(ROOMY_FRAMES, ROOMY_BYTES);
    }

    private Outbox open(int maxFrames, long maxBytes) {
        Outbox outbox = opening(maxFrames, maxBytes);
        assertEquals(Offer.QUEUED, outbox.open(List.of(), Collections.emptyIterator(), 0));
        return outbox;
    }

    private Outbox open() {
        return open(ROOMY_FRAMES, ROOMY_BYTES);
    }

    /** A catch-up that counts how many frames were taken from it. */
    private static final class Backlog implements Iterator<Encoded> {
        private final List<Encoded> frames;
        private int taken;

        Backlog(long fromSeq, long toSeq) {
            this.frames = IntStream.rangeClosed((int) fromSeq, (int) toSeq).mapToObj(i -> frame("b" + i, i)).toList();
        }

        @Override
        public synchronized boolean hasNext() {
            return taken < frames.size();
        }

        @Override
        public synchronized Encoded next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return frames.get(taken++);
        }

        synchronized int taken() {
            return taken;
        }
    }

    @Test
    void writesAFrameAtOnceWhenOpenAndIdle() {
        Outbox outbox = open();
        assertEquals(Offer.QUEUED, outbox.offer(frame("a")));
        assertEquals(List.of("a"), transport.texts());
        assertEquals(List.of("a"), written.stream().map(Encoded::text).toList(), "reported written");
        assertEquals(0, outbox.depth());
        assertEquals(Outbox.State.OPEN, outbox.state());
    }

    @Test
    void holdsEveryFrameUntilOpen() {
        Outbox outbox = opening();
        assertEquals(Outbox.State.OPENING, outbox.state());
        assertEquals(Offer.QUEUED, outbox.offer(frame("s1", 1)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("pong")));
        assertEquals(List.of(), transport.texts());
        assertEquals(2, outbox.depth());
        assertEquals(2 + 4, outbox.queuedBytes());

        outbox.open(List.of(frame("welcome")), Collections.emptyIterator(), 0);
        assertEquals(List.of("welcome", "s1", "pong"), transport.texts());
        assertEquals(0, outbox.queuedBytes());
    }

    @Test
    void openWritesTheWelcomeThenTheBacklogThenWhatWasHeldLessWhatTheWelcomeCovered() {
        Outbox outbox = opening();
        outbox.offer(frame("s1", 1));
        outbox.offer(frame("pong-a"));
        outbox.offer(frame("s2", 2));
        outbox.offer(frame("s3", 3));
        outbox.offer(frame("pong-b"));
        outbox.offer(frame("s4", 4));

        outbox.open(List.of(frame("welcome")), List.of(frame("pending-1", 1), frame("pending-2", 2)).iterator(), 2);

        assertEquals(List.of("welcome", "pending-1", "pending-2", "pong-a", "s3", "pong-b", "s4"), transport.texts());
        assertEquals(Offer.QUEUED, outbox.offer(frame("s5", 5)));
        assertEquals("s5", transport.texts().get(transport.texts().size() - 1));
    }

    @Test
    void aStreamFrameOfferedAfterOpenAtOrBelowCoveredIsDropped() {
        transport.hold();
        Outbox outbox = opening();
        outbox.open(List.of(frame("welcome")), Collections.emptyIterator(), 5);
        assertEquals(List.of("welcome"), transport.texts(), "the welcome is still being written");

        assertEquals(Offer.DROPPED, outbox.offer(frame("s3", 3)), "a late delivery of what the welcome covered");
        assertEquals(Offer.DROPPED, outbox.offer(frame("s5", 5)), "covered up to and including 5");
        assertEquals(Offer.QUEUED, outbox.offer(frame("s6", 6)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("pong")), "frames outside the stream are never covered");
        assertEquals(3, outbox.depth());

        transport.completeAll();
        assertEquals(List.of("welcome", "s6", "pong"), transport.texts());
        assertEquals(Offer.DROPPED, outbox.offer(frame("s4", 4)), "still dropped once idle");
        assertEquals(List.of("welcome", "s6", "pong"), transport.texts());
    }

    @Test
    void opensOnlyOnce() {
        Outbox outbox = opening();
        assertEquals(Offer.QUEUED, outbox.open(List.of(frame("welcome")), Collections.emptyIterator(), 0));
        assertEquals(Offer.DROPPED, outbox.open(List.of(frame("second welcome")), Collections.emptyIterator(), 0));
        assertEquals(List.of("welcome"), transport.texts());
    }

    @Test
    void onlyOneWriteIsInFlightAtATime() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.offer(frame("c"));
        assertEquals(List.of("a"), transport.texts());
        assertEquals(3, outbox.depth(), "two waiting and one being written");

        assertTrue(transport.completeNext());
        assertEquals(List.of("a", "b"), transport.texts());
        assertEquals(2, outbox.depth());
        assertTrue(transport.completeNext());
        assertTrue(transport.completeNext());
        assertFalse(transport.completeNext());
        assertEquals(List.of("a", "b", "c"), transport.texts());
        assertEquals(1, transport.maxInFlight());
        assertEquals(0, outbox.depth());
    }

    @Test
    void preservesOfferOrder() {
        transport.hold();
        Outbox outbox = open();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("f" + i);
            outbox.offer(frame("f" + i));
            if (i % 3 == 0) {
                transport.completeNext();
            }
        }
        transport.completeAll();
        assertEquals(expected, transport.texts());
        assertEquals(expected, written.stream().map(Encoded::text).toList());
    }

    @Test
    void aHundredThousandInlineCompletionsOnOpenKeepTheStackFlat() {
        int n = 100_000;
        Outbox outbox = opening();
        for (int i = 1; i <= n; i++) {
            assertEquals(Offer.QUEUED, outbox.offer(frame("f" + i, i)));
        }
        outbox.open(List.of(), Collections.emptyIterator(), 0);
        List<String> sent = transport.texts();
        assertEquals(n, sent.size());
        assertEquals("f1", sent.get(0));
        assertEquals("f" + n, sent.get(n - 1));
        assertEquals(0, outbox.depth());
        assertEquals(1, transport.maxNesting(), "each write was started from the same loop, not from a completion");
    }

    @Test
    void aHundredThousandInlineCompletionsAfterALateOneKeepTheStackFlat() {
        int n = 100_000;
        transport.hold();
        Outbox outbox = open();
        for (int i = 0; i <= n; i++) {
            assertEquals(Offer.QUEUED, outbox.offer(frame("f" + i)));
        }
        assertEquals(1, transport.sentCount());
        transport.completeInline();
        assertTrue(transport.completeNext());
        assertEquals(n + 1, transport.sentCount());
        assertEquals("f" + n, transport.texts().get(n));
        assertEquals(0, outbox.depth());
        assertEquals(1, transport.maxNesting());
    }

    @Test
    void aLongBacklogWithInlineCompletionsKeepsTheStackFlat() {
        int n = 100_000;
        Outbox outbox = opening();
        Backlog backlog = new Backlog(1, n);
        outbox.open(List.of(frame("welcome")), backlog, n);
        assertEquals(n + 1, transport.sentCount());
        assertEquals(n, backlog.taken());
        assertEquals(1, transport.maxNesting());
    }

    @Test
    void passingTheFrameLimitOverflowsAndClosesAfterTheWriteInFlight() {
        transport.hold();
        Outbox outbox = open(3, ROOMY_BYTES);
        assertEquals(Offer.QUEUED, outbox.offer(frame("a", 1)), "written at once: no longer waiting");
        assertEquals(Offer.QUEUED, outbox.offer(frame("b", 2)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("c", 3)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("d", 4)));

        assertEquals(Offer.OVERFLOWED, outbox.offer(frame("e", 5)));
        assertEquals(Outbox.State.CLOSING, outbox.state());
        assertEquals(List.of(), transport.closes(), "a is still being written");
        assertEquals(Offer.DROPPED, outbox.offer(frame("f", 6)), "overflows once; then nothing is taken");
        assertEquals(Offer.DROPPED, outbox.offer(frame("g")));

        assertTrue(transport.completeNext());
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        assertEquals(List.of("a"), transport.texts(), "what waited for a client that stopped reading is dropped");
        assertEquals(Outbox.State.CLOSED, outbox.state());
        assertEquals(Close.SLOW_CONSUMER, outbox.closeValue());
        assertEquals(List.of(), transport.aborts());
    }

    @Test
    void passingTheFrameLimitWhileOpeningClosesAtOnceAndWritesNothing() {
        Outbox outbox = opening(3, ROOMY_BYTES);
        assertEquals(Offer.QUEUED, outbox.offer(frame("a", 1)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("b", 2)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("c", 3)));
        assertEquals(List.of(), transport.closes());

        assertEquals(Offer.OVERFLOWED, outbox.offer(frame("d", 4)));
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        assertEquals(Offer.DROPPED, outbox.offer(frame("e", 5)));
        assertEquals(Offer.DROPPED, outbox.open(List.of(frame("welcome")), Collections.emptyIterator(), 0));
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        assertEquals(List.of(), transport.texts());
    }

    @Test
    void passingTheByteLimitOverflows() {
        transport.hold();
        Outbox outbox = open(100, 10);
        assertEquals(Offer.QUEUED, outbox.offer(frame("z")), "in flight, so no longer counted");
        assertEquals(Offer.QUEUED, outbox.offer(frame("12345")));
        assertEquals(Offer.QUEUED, outbox.offer(frame("12é4")), "5 bytes in UTF-8: exactly at the limit");
        assertEquals(10, outbox.queuedBytes());
        assertEquals(List.of(), transport.closes());

        assertEquals(Offer.OVERFLOWED, outbox.offer(frame("x")));
        assertEquals(Offer.DROPPED, outbox.offer(frame("y")));
        assertEquals(List.of(), transport.closes());
        transport.completeNext();
        assertEquals(List.of("z"), transport.texts());
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
    }

    @Test
    void concurrentOverflowOverflowsExactlyOnce() throws InterruptedException {
        transport.hold();
        Outbox outbox = open(10, ROOMY_BYTES);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger overflowed = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100; i++) {
                    Offer offer = outbox.offer(frame("x"));
                    if (offer == Offer.QUEUED) {
                        queued.incrementAndGet();
                    } else if (offer == Offer.OVERFLOWED) {
                        overflowed.incrementAndGet();
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
        assertEquals(11, queued.get(), "one in flight and ten waiting");
        assertEquals(1, overflowed.get());
        transport.completeAll();
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        assertEquals(1, transport.sentCount());
    }

    @Test
    void aWelcomeOverTheByteLimitOverflows() {
        Outbox outbox = opening(100, 10);
        outbox.offer(frame("s1", 1));
        assertEquals(Offer.OVERFLOWED,
                outbox.open(List.of(frame("a welcome of 22 bytes")), Collections.emptyIterator(), 0));
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        assertEquals(List.of(), transport.texts());
        assertEquals(Outbox.State.CLOSED, outbox.state());
        assertEquals(Offer.DROPPED, outbox.offer(frame("s2", 2)));
    }

    @Test
    void aWelcomeOverTheFrameLimitOverflows() {
        Outbox outbox = opening(2, ROOMY_BYTES);
        assertEquals(Offer.OVERFLOWED, outbox.open(List.of(frame("w1"), frame("w2"), frame("w3")),
                Collections.emptyIterator(), 0));
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes());
        assertEquals(List.of(), transport.texts());
    }

    @Test
    void theBacklogIsTakenOneFrameAtATimeAsWritesComplete() {
        transport.hold();
        Outbox outbox = opening(ROOMY_FRAMES, ROOMY_BYTES);
        outbox.offer(frame("pong-early"));
        Backlog backlog = new Backlog(1, 5);

        outbox.open(List.of(frame("welcome-1"), frame("welcome-2")), backlog, 5);
        assertEquals(List.of("welcome-1"), transport.texts());
        assertEquals(0, backlog.taken(), "nothing taken while the welcome is written");
        assertEquals(Offer.QUEUED, outbox.offer(frame("live-6", 6)));
        assertEquals(Offer.DROPPED, outbox.offer(frame("live-3", 3)), "the backlog covers it");

        transport.completeNext();
        assertEquals(List.of("welcome-1", "welcome-2"), transport.texts());
        assertEquals(0, backlog.taken());
        for (int i = 1; i <= 5; i++) {
            transport.completeNext();
            assertEquals(i, backlog.taken(), "one frame taken per completed write");
            assertEquals("b" + i, transport.texts().get(transport.texts().size() - 1));
            assertEquals(1, transport.heldCount());
        }
        transport.completeAll();
        assertEquals(List.of("welcome-1", "welcome-2", "b1", "b2", "b3", "b4", "b5", "pong-early", "live-6"),
                transport.texts());
        assertEquals(1, transport.maxInFlight());
    }

    @Test
    void aBacklogLongerThanTheFrameLimitDoesNotOverflowAndLiveFramesWaitBehindIt() {
        transport.hold();
        Outbox outbox = opening(2, 100);
        Backlog backlog = new Backlog(1, 50);
        assertEquals(Offer.QUEUED, outbox.open(List.of(frame("welcome")), backlog, 50));
        assertEquals(Offer.QUEUED, outbox.offer(frame("live-51", 51)));
        assertEquals(Offer.QUEUED, outbox.offer(frame("pong")));
        assertEquals(53, transport.completeAll(), "the welcome, the 50 of the backlog and the two live frames");
        assertEquals(List.of(), transport.closes());
        List<String> texts = transport.texts();
        assertEquals(53, texts.size());
        assertEquals("b50", texts.get(50));
        assertEquals(List.of("live-51", "pong"), texts.subList(51, 53));
    }

    @Test
    void nothingIsWrittenWhileTheUnconfirmedBytesAreAtTheLimitAndResumeGoesOn() {
        transport.unconfirmed(10);
        Outbox outbox = opening(100, 10);
        outbox.open(List.of(frame("welcome")), Collections.emptyIterator(), 0);
        outbox.offer(frame("a"));
        assertEquals(List.of(), transport.texts(), "the client has not read up");
        assertEquals(2, outbox.depth());

        outbox.resume();
        assertEquals(List.of(), transport.texts(), "still at the limit");

        transport.unconfirmed(9);
        assertEquals(List.of(), transport.texts(), "nothing happens until the transport says so");
        outbox.resume();
        assertEquals(List.of("welcome", "a"), transport.texts());

        transport.unconfirmed(10);
        outbox.offer(frame("b"));
        assertEquals(List.of("welcome", "a"), transport.texts());
        transport.unconfirmed(0);
        outbox.resume();
        assertEquals(List.of("welcome", "a", "b"), transport.texts());
    }

    @Test
    void unreadBytesAtTheLimitMakeWaitingFramesOverflow() {
        transport.unconfirmed(100);
        Outbox outbox = open(1000, 100);
        Encoded ten = frame("0123456789");
        for (int i = 0; i < 10; i++) {
            assertEquals(Offer.QUEUED, outbox.offer(ten));
        }
        assertEquals(Offer.OVERFLOWED, outbox.offer(ten));
        assertEquals(List.of(Close.SLOW_CONSUMER), transport.closes(), "nothing in flight: closed at once");
        assertEquals(List.of(), transport.texts());
    }

    @Test
    void aTransportThatConfirmsEverythingCountsOnlyWhatWaits() {
        Outbox outbox = open(1000, 100);
        Encoded ten = frame("0123456789");
        for (int i = 0; i < 1000; i++) {
            assertEquals(Offer.QUEUED, outbox.offer(ten));
        }
        assertEquals(List.of(), transport.closes());
        assertEquals(1000, transport.sentCount());
    }

    @Test
    void closeAfterQueuedWritesWhatIsQueuedThenCloses() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        assertTrue(outbox.close(Close.RATE_LIMITED, true));
        assertEquals(Outbox.State.CLOSING, outbox.state());
        assertEquals(Offer.DROPPED, outbox.offer(frame("c")), "nothing new is taken once closing");
        assertFalse(outbox.close(Close.GOING_AWAY, true), "the first close stands");
        assertEquals(List.of(), transport.closes(), "a is still being written");

        assertTrue(transport.completeNext());
        assertEquals(List.of(), transport.closes(), "b is being written");
        assertTrue(transport.completeNext());
        assertEquals(List.of("a", "b"), transport.texts());
        assertEquals(List.of(Close.RATE_LIMITED), transport.closes());
        assertEquals(Outbox.State.CLOSED, outbox.state());
        assertEquals(List.of(), transport.aborts());
    }

    @Test
    void anIdleOutboxClosesAtOnceAndOnlyOnce() {
        Outbox outbox = open();
        assertTrue(outbox.close(Close.GOING_AWAY, true));
        assertFalse(outbox.close(Close.GOING_AWAY, true));
        assertEquals(List.of(Close.GOING_AWAY), transport.closes());
        assertEquals(Outbox.State.CLOSED, outbox.state());
    }

    @Test
    void anOpeningOutboxClosesAtOnceWithoutWritingItsQueue() {
        Outbox outbox = opening();
        outbox.offer(frame("live", 7));
        assertTrue(outbox.close(Close.INVALID_NAME, true));
        assertEquals(List.of(), transport.texts());
        assertEquals(List.of(Close.INVALID_NAME), transport.closes());
        assertEquals(Offer.DROPPED, outbox.open(List.of(frame("welcome")), Collections.emptyIterator(), 0));
        assertEquals(List.of(), transport.texts());
    }

    @Test
    void closeWithoutQueuedDropsTheQueueAndClosesAfterTheWriteInFlight() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.offer(frame("c"));
        assertTrue(outbox.close(Close.GOING_AWAY, false));
        assertEquals(1, outbox.depth(), "only the write in flight is left");
        assertEquals(0, outbox.queuedBytes());
        assertEquals(List.of(), transport.closes());

        assertTrue(transport.completeNext());
        assertEquals(List.of("a"), transport.texts());
        assertEquals(List.of(Close.GOING_AWAY), transport.closes());
        assertEquals(0, transport.heldCount());
    }

    @Test
    void abortDropsTheQueueAndAbortsTheTransport() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        assertTrue(outbox.abort(Close.NOT_READING));
        assertEquals(List.of(Close.NOT_READING), transport.aborts());
        assertEquals(Outbox.State.CLOSED, outbox.state());
        assertEquals(Close.NOT_READING, outbox.closeValue());
        assertEquals(Offer.DROPPED, outbox.offer(frame("c")));
        assertFalse(outbox.abort(Close.NOT_READING), "aborted already");

        transport.completeAll();
        assertEquals(List.of("a"), transport.texts());
        assertEquals(List.of(), transport.closes(), "an abort is not followed by a close");
        assertEquals(List.of(Close.NOT_READING), transport.aborts());
    }

    @Test
    void abortWhileClosingKeepsTheCloseValueChosenFirst() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.close(Close.RATE_LIMITED, true);
        assertTrue(outbox.abort(Close.NOT_READING));
        assertEquals(Close.RATE_LIMITED, outbox.closeValue());
        assertEquals(List.of(Close.NOT_READING), transport.aborts());
    }

    @Test
    void aFailedWriteReportsTheFailureAndNothingMoreIsWritten() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.offer(frame("c"));

        IOException reset = new IOException("connection reset");
        assertTrue(transport.completeNext(reset));

        assertEquals(List.of(reset), failures);
        assertEquals(List.of(), written, "a failed write is not reported written");
        assertEquals(Outbox.State.CLOSED, outbox.state());
        assertEquals(0, outbox.depth());
        assertEquals(0, transport.heldCount());
        assertEquals(Offer.DROPPED, outbox.offer(frame("d")));
        assertEquals(List.of("a"), transport.texts());
        assertEquals(List.of(), transport.closes());
        assertEquals(List.of(Close.LOST), transport.aborts(), "the session is let go at once");
    }

    @Test
    void aWriteFailingWhileClosingLetsTheSessionGoWithTheCloseValue() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.close(Close.RATE_LIMITED, true);

        assertTrue(transport.completeNext(new IOException("broken pipe")));
        assertEquals(List.of(Close.RATE_LIMITED), transport.aborts());
        assertEquals(List.of(), transport.closes());
    }

    @Test
    void aWriteFailingAfterAnAbortDoesNotAbortTwice() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        assertTrue(outbox.abort(Close.NOT_READING));

        assertTrue(transport.completeNext(new IOException("connection reset")));
        assertEquals(List.of(Close.NOT_READING), transport.aborts());
    }

    @Test
    void aFramesWrittenActionWaitsUntilTheClientHasReadIt() {
        transport.hold().holdReads();
        Outbox outbox = open();
        AtomicInteger read = new AtomicInteger();
        Encoded counted = new Encoded("m", 1, 1, "message", null, read::incrementAndGet);
        outbox.offer(counted);
        outbox.offer(frame("pong"));
        assertEquals(0, transport.readsHeld(), "not written yet");

        transport.completeNext();
        assertEquals(1, transport.readsHeld(), "written: handed to the transport, to run once read");
        assertEquals(0, read.get());
        transport.completeNext();
        assertEquals(1, transport.readsHeld(), "a frame with nothing to do asks for nothing");

        assertEquals(1, transport.confirmReads());
        assertEquals(1, read.get());
    }

    @Test
    void aFailedWriteRunsNoWrittenAction() {
        transport.hold();
        Outbox outbox = open();
        AtomicInteger read = new AtomicInteger();
        outbox.offer(new Encoded("m", 1, 1, "message", null, read::incrementAndGet));
        transport.completeNext(new IOException("connection reset"));
        assertEquals(0, read.get());
        assertEquals(0, transport.readsHeld());
    }

    @Test
    void aPingIsWrittenOnlyWhenIdle() {
        AtomicInteger pinged = new AtomicInteger();
        Outbox outbox = opening();
        assertFalse(outbox.ping(pinged::incrementAndGet), "not before open");

        transport.hold();
        Backlog backlog = new Backlog(1, 1);
        outbox.open(List.of(), backlog, 1);
        assertFalse(outbox.ping(pinged::incrementAndGet), "a catch-up frame is being written");
        transport.completeNext();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        assertFalse(outbox.ping(pinged::incrementAndGet), "a is being written and b waits");
        transport.completeNext();
        assertFalse(outbox.ping(pinged::incrementAndGet), "b is being written");
        transport.completeNext();
        assertEquals(0, transport.pings());

        transport.completeInline();
        assertTrue(outbox.ping(pinged::incrementAndGet));
        assertEquals(1, transport.pings());
        assertEquals(1, pinged.get());
        assertEquals(List.of("b1", "a", "b"), written.stream().map(Encoded::text).toList(),
                "a ping is not reported as a written frame");

        outbox.close(Close.GOING_AWAY, true);
        assertFalse(outbox.ping(pinged::incrementAndGet), "not once closing");
        assertEquals(1, transport.pings());
    }

    @Test
    void aPingRunsItsCallbackOnlyOnceWrittenAndHoldsWhatFollows() {
        transport.hold();
        Outbox outbox = open();
        AtomicInteger pinged = new AtomicInteger();
        assertTrue(outbox.ping(pinged::incrementAndGet));
        assertEquals(1, transport.pings());
        assertEquals(0, pinged.get(), "not written yet");
        outbox.offer(frame("a"));
        assertEquals(List.of(), transport.texts(), "one write in flight: the ping");

        transport.completeNext();
        assertEquals(1, pinged.get());
        assertEquals(List.of("a"), transport.texts());
        assertEquals(1, transport.maxInFlight());
    }

    @Test
    void stalledForCountsFromTheLastProgressWhileThereIsWork() {
        transport.hold();
        Outbox outbox = open();
        assertEquals(0, outbox.stalledFor(System.nanoTime() + 100 * SECOND), "idle");

        long before = System.nanoTime();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        long after = System.nanoTime();
        assertTrue(outbox.stalledFor(after + 5 * SECOND) >= 5 * SECOND);
        assertTrue(outbox.stalledFor(before + 5 * SECOND) <= 5 * SECOND);

        long progress = waitPast(after);
        assertTrue(outbox.stalledFor(progress) > 0);
        transport.completeNext();
        assertTrue(outbox.stalledFor(progress) <= 0, "a completed write is progress: counted again from it");

        transport.completeNext();
        assertEquals(0, outbox.stalledFor(System.nanoTime() + 100 * SECOND), "idle again");
    }

    @Test
    void framesHeldUntilOpenAreWorkThatCanStall() {
        Outbox outbox = opening();
        outbox.offer(frame("s1", 1));
        long after = System.nanoTime();
        assertTrue(outbox.stalledFor(after + SECOND) >= SECOND);
        outbox.open(List.of(), Collections.emptyIterator(), 0);
        assertEquals(0, outbox.stalledFor(System.nanoTime() + SECOND));
    }

    @Test
    void closingForCountsFromTheClose() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        assertEquals(0, outbox.closingFor(System.nanoTime() + 100 * SECOND), "not closing");

        long before = System.nanoTime();
        outbox.close(Close.GOING_AWAY, true);
        long after = System.nanoTime();
        assertTrue(outbox.closingFor(after + 3 * SECOND) >= 3 * SECOND);
        assertTrue(outbox.closingFor(before + 3 * SECOND) <= 3 * SECOND);

        transport.completeNext();
        assertEquals(Outbox.State.CLOSED, outbox.state());
        assertTrue(outbox.closingFor(after + 3 * SECOND) >= 3 * SECOND, "still counted once closed");
    }

    @Test
    void goneDropsEverythingAndAnswersTheCloseParleyChose() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.close(Close.RATE_LIMITED, true);
        assertSame(Close.RATE_LIMITED, outbox.gone());
        assertEquals(Outbox.State.CLOSED, outbox.state());
        transport.completeAll();
        assertEquals(List.of("a"), transport.texts());

        FakeTransport other = new FakeTransport();
        Outbox unchosen = new Outbox(other, 10, 100, events);
        unchosen.open(List.of(), Collections.emptyIterator(), 0);
        assertEquals(null, unchosen.gone(), "the client closed it: Parley chose no close");
    }

    @Test
    void manyProducersWithCompletionsOnAnotherThreadWriteEveryFrameOnceInEachProducersOrder()
            throws InterruptedException {
        int producers = 8;
        int perProducer = 5_000;
        int total = producers * perProducer;
        transport.hold();
        Outbox outbox = open();

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
                    if (outbox.offer(frame(name + i)) != Offer.QUEUED) {
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
        List<String> sent = transport.texts();
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
        assertEquals(total, written.size());
    }

    @Test
    void aFailureIsReportedAsTheThrowableTheTransportGave() {
        transport.hold();
        Outbox outbox = open();
        outbox.offer(frame("a"));
        transport.completeNext(new IllegalStateException("closed by the container"));
        assertInstanceOf(IllegalStateException.class, failures.get(0));
    }

    /** Spins (a millisecond at most) until the clock has moved past {@code t}; answers the time then. */
    private static long waitPast(long t) {
        long now;
        while ((now = System.nanoTime()) <= t + 1_000) {
            Thread.onSpinWait();
        }
        return now;
    }
}
