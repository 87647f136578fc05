package dev.parley.broker.memory;

import dev.parley.broker.SerialRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The listeners of one room or user, and the runner that delivers to them in the topic's order.
 * Guarded by the owning room's or user's lock, except the delivery itself.
 */
final class Topic<E> {
    private static final System.Logger LOG = System.getLogger(Topic.class.getName());

    private final List<Consumer<E>> listeners = new ArrayList<>();
    /** Deliveries one caller runs before it hands the rest of the queue on. */
    private static final int DELIVERIES_PER_CALLER = 16;

    private final SerialRunner runner;
    private List<Consumer<E>> snapshot = List.of();

    Topic(Executor carryOn) {
        this.runner = new SerialRunner(carryOn, DELIVERIES_PER_CALLER);
    }

    void add(Consumer<E> listener) {
        listeners.add(listener);
        snapshot = List.copyOf(listeners);
    }

    void remove(Consumer<E> listener) {
        if (listeners.remove(listener)) {
            snapshot = List.copyOf(listeners);
        }
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    /**
     * Places the event in the topic's order (the caller holds the owner's lock). Returns the delivery to
     * run once that lock is released, or null when another caller is already delivering and will run it.
     */
    Runnable post(E event) {
        List<Consumer<E>> targets = snapshot;
        if (targets.isEmpty()) {
            return null;
        }
        return runner.add(() -> targets.forEach(l -> deliver(l, event))) ? runner::runAll : null;
    }

    /** One failing listener must not cost the others the event. */
    private static <E> void deliver(Consumer<E> listener, E event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a listener failed on an event", e);
        }
    }

    static void run(Runnable delivery) {
        if (delivery != null) {
            delivery.run();
        }
    }
}
