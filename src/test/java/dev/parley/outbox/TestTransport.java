package dev.parley.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A transport that records what it is asked to do. Inline, it completes each send before
 * {@code send} returns; held, it keeps each completion for the test (or another thread) to run.
 */
final class TestTransport implements Transport {
    private final List<String> sent = new ArrayList<>();
    private final List<Integer> closeCodes = new ArrayList<>();
    /** Which of the transport's closes each close was. */
    private final List<String> closeKinds = new ArrayList<>();
    private final BlockingQueue<Consumer<Throwable>> held = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile boolean inline;

    static TestTransport inline() {
        TestTransport t = new TestTransport();
        t.inline = true;
        return t;
    }

    static TestTransport holding() {
        return new TestTransport();
    }

    void completeInline(boolean inline) {
        this.inline = inline;
    }

    @Override
    public void send(String text, Consumer<Throwable> done) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        synchronized (this) {
            sent.add(text);
        }
        if (inline) {
            inFlight.decrementAndGet();
            done.accept(null);
        } else {
            held.add(done);
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCodes.add(code);
        closeKinds.add("close");
    }

    @Override
    public synchronized void closeWhenRead(int code, String reason) {
        closeCodes.add(code);
        closeKinds.add("closeWhenRead");
    }

    @Override
    public synchronized void closeOpening(int code, String reason) {
        closeCodes.add(code);
        closeKinds.add("closeOpening");
    }

    /** Completes the oldest held write successfully; false if none was waiting. */
    boolean completeNext() {
        return completeNext(null);
    }

    /** Completes the oldest held write with {@code failure} (null for success); false if none was waiting. */
    boolean completeNext(Throwable failure) {
        Consumer<Throwable> done = held.poll();
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(failure);
        return true;
    }

    /** Waits for a held write and completes it; false if none came within the timeout. */
    boolean awaitAndCompleteNext(long timeout, TimeUnit unit) throws InterruptedException {
        Consumer<Throwable> done = held.poll(timeout, unit);
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(null);
        return true;
    }

    int heldCount() {
        return held.size();
    }

    synchronized int sentCount() {
        return sent.size();
    }

    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    synchronized List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    synchronized List<String> closeKinds() {
        return List.copyOf(closeKinds);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void ping() {
        // outboxes never ping
    }
}
