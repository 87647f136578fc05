package dev.parley.broker;

/** Stops a listener; calling it twice is harmless. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
