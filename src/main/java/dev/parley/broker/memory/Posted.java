package dev.parley.broker.memory;

/** A value decided under a topic's lock, and the delivery to run after the lock is released. */
record Posted<T>(T value, Runnable delivery) {
}
