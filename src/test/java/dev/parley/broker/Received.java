package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A listener that collects what a broker delivers, from whichever thread, and lets a test wait until a
 * number of events came. The wait fails the test after ten seconds: it waits for a delivery, it does not
 * time one.
 */
public final class Received<E> implements Consumer<E> {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final List<E> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(E event) {
        events.add(event);
    }

    public List<E> events() {
        return List.copyOf(events);
    }

    public int size() {
        return events.size();
    }

    /** Waits until at least {@code count} events came; returns all of them. */
    public List<E> await(int count) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (events.size() < count) {
            if (System.nanoTime() > deadline) {
                fail("expected " + count + " deliveries, got " + events.size() + ": " + events);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for deliveries");
            }
        }
        return events();
    }
}
