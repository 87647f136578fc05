package dev.parley.broker.redis;

/**
 * An event as its stream placed it: the stream's epoch, its position, and Redis's time of it in
 * microseconds (what tells a late copy of an event apart from a new event at a reused position).
 */
record Stamped<E>(String epoch, long seq, long micros, E event) {
}
