package dev.parley.broker;

import java.util.function.Consumer;

/** Requests to close a user's connections, carried to every node, this one included. */
public interface Disconnects {

    /**
     * Hands the request to every node's listener.
     *
     * @throws BrokerUnavailableException when the broker cannot carry it now
     */
    void request(Disconnect disconnect);

    /** Hears every request made after this call, by any node; a node listens once. */
    Subscription subscribe(Consumer<Disconnect> listener);
}
