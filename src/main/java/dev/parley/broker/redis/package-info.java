/**
 * The shared broker: rooms, presence, history and inboxes in Redis, through Lettuce. Every key and
 * channel of a room carries the hash tag {@code {r:<room>}} and of a user {@code {u:<user>}}; the
 * functions in {@code parley.lua} make each step on a room or a user one atomic step in Redis.
 */
package dev.parley.broker.redis;
