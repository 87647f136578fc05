package dev.parley.broker.memory;

import dev.parley.broker.Disconnect;
import dev.parley.broker.Disconnects;
import dev.parley.broker.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Disconnect requests on a single node: handed to its listeners on the requesting thread. */
final class MemoryDisconnects implements Disconnects {
    private static final System.Logger LOG = System.getLogger(MemoryDisconnects.class.getName());

    private final List<Consumer<Disconnect>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void request(Disconnect disconnect) {
        for (Consumer<Disconnect> listener : listeners) {
            try {
                listener.accept(disconnect);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a listener failed on a disconnect", e);
            }
        }
    }

    @Override
    public Subscription subscribe(Consumer<Disconnect> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
