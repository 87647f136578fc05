package dev.parley.connection;

import dev.parley.outbox.Outbox;

/**
 * What every connection of a node is held to.
 *
 * @param outbox        what may wait to be written
 * @param ratePerSecond frames a client may send per second
 * @param rateBurst     frames a client may send at once
 * @param rateStrikes   refused frames, each within a second of the one before, after which the connection is closed with 4429
 * @param maxTotal      connections the node accepts in all
 * @param maxPerAddress connections the node accepts from one remote address
 */
public record ConnectionPolicy(Outbox.Limits outbox, int ratePerSecond, int rateBurst, int rateStrikes,
                               int maxTotal, int maxPerAddress) {
}
