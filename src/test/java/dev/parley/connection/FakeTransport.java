package dev.parley.connection;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one transport of the unit tests: it records what the core asks of the socket (frames written,
 * pings, closes and aborts, each kind apart) and completes each write at once, or, once {@link #hold()}
 * is called, keeps the completions (of frames and pings alike, in the order they were started) for the
 * test to release with {@link #completeNext()}. What is to run once the client has read what was written
 * ({@link #afterRead}) runs at once, or, once {@link #holdReads()} is called, when the test says the client
 * has read up ({@link #confirmReads()}).
 */
public final class FakeTransport implements Transport {
    /** Looked up once: looking the JSON provider up for every frame would dominate long tests. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final List<String> texts = new ArrayList<>();
    private int taken;
    private final List<Close> closes = new ArrayList<>();
    private final List<Close> aborts = new ArrayList<>();
    private final BlockingQueue<Consumer<Throwable>> held = new LinkedBlockingQueue<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger nesting = new AtomicInteger();
    private final AtomicInteger maxNesting = new AtomicInteger();
    private final List<Runnable> afterRead = new ArrayList<>();
    private volatile boolean holding;
    private volatile Runnable onSend = () -> { };
    private volatile boolean holdingReads;
    private volatile long unconfirmed;

    /** From now on, completions are kept for the test to release. */
    public FakeTransport hold() {
        holding = true;
        return this;
    }

    /** From now on, writes complete before {@code send} returns (what is held already stays held). */
    public FakeTransport completeInline() {
        holding = false;
        return this;
    }

    /** From now on, {@link #afterRead} actions wait for {@link #confirmReads()}. */
    public FakeTransport holdReads() {
        holdingReads = true;
        return this;
    }

    @Override
    public void afterRead(Runnable action) {
        synchronized (this) {
            if (holdingReads) {
                afterRead.add(action);
                return;
            }
        }
        action.run();
    }

    /** The client has read everything written so far: runs the waiting {@link #afterRead} actions; how many. */
    public int confirmReads() {
        List<Runnable> now;
        synchronized (this) {
            now = List.copyOf(afterRead);
            afterRead.clear();
        }
        now.forEach(Runnable::run);
        return now.size();
    }

    /** {@link #afterRead} actions waiting for the client to read up. */
    public synchronized int readsHeld() {
        return afterRead.size();
    }

    /** Sets what {@link #unconfirmed()} reports: bytes written that the client has not been seen to read. */
    public FakeTransport unconfirmed(long bytes) {
        unconfirmed = bytes;
        return this;
    }

    @Override
    public long unconfirmed() {
        return unconfirmed;
    }

    /** Runs on the thread of every later {@link #send}, before the write is recorded. */
    public FakeTransport onSend(Runnable action) {
        onSend = action;
        return this;
    }

    @Override
    public void send(Encoded frame, Consumer<Throwable> done) {
        onSend.run();
        synchronized (this) {
            texts.add(frame.text());
        }
        started(done);
    }

    @Override
    public void ping(Consumer<Throwable> done) {
        pings.incrementAndGet();
        started(done);
    }

    private void started(Consumer<Throwable> done) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        maxNesting.accumulateAndGet(nesting.incrementAndGet(), Math::max);
        try {
            if (holding) {
                held.add(done);
            } else {
                inFlight.decrementAndGet();
                done.accept(null);
            }
        } finally {
            nesting.decrementAndGet();
        }
    }

    @Override
    public synchronized void close(Close close) {
        closes.add(close);
    }

    @Override
    public synchronized void abort(Close close) {
        aborts.add(close);
    }

    /** Completes the oldest held write successfully; false when none was held. */
    public boolean completeNext() {
        return completeNext(null);
    }

    /** Completes the oldest held write with {@code failure} (null: success); false when none was held. */
    public boolean completeNext(Throwable failure) {
        Consumer<Throwable> done = held.poll();
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(failure);
        return true;
    }

    /** Completes held writes, and those they start, until none is held; how many were completed. */
    public int completeAll() {
        int n = 0;
        while (completeNext()) {
            n++;
        }
        return n;
    }

    /** Waits up to {@code timeout} for a held write and completes it; false when none came. */
    public boolean awaitAndCompleteNext(long timeout, TimeUnit unit) throws InterruptedException {
        Consumer<Throwable> done = held.poll(timeout, unit);
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(null);
        return true;
    }

    public int heldCount() {
        return held.size();
    }

    /** Every frame text written, in order (pings are counted apart). */
    public synchronized List<String> texts() {
        return List.copyOf(texts);
    }

    public synchronized int sentCount() {
        return texts.size();
    }

    /** Every frame written, parsed as JSON. */
    public synchronized List<JsonObject> frames() {
        return texts.stream().map(FakeTransport::parse).toList();
    }

    /** The frames written since the previous call, parsed as JSON. */
    public synchronized List<JsonObject> take() {
        List<JsonObject> since = texts.subList(taken, texts.size()).stream().map(FakeTransport::parse).toList();
        taken = texts.size();
        return since;
    }

    public int pings() {
        return pings.get();
    }

    /** The values of every {@link #close(Close)} call, in order. */
    public synchronized List<Close> closes() {
        return List.copyOf(closes);
    }

    /** The values of every {@link #abort(Close)} call, in order. */
    public synchronized List<Close> aborts() {
        return List.copyOf(aborts);
    }

    /** The most writes (and pings) that were started and not yet completed at one time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The deepest that calls into this transport were nested on one stack: 1 when the caller never recurses. */
    public int maxNesting() {
        return maxNesting.get();
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
