package dev.parley.connection;

import java.time.Duration;

/**
 * What every connection of a node is held to.
 *
 * @param outboxFrames  frames that may wait to be written
 * @param outboxBytes   bytes (UTF-8) that may wait to be written, or be written and not yet read
 * @param ratePerSecond frames a client may send per second
 * @param rateBurst     frames a client may send at once
 * @param rateStrikes   frames sent without waiting after a {@code rate_limited} error, after which the
 *                      connection is closed with 4429
 * @param maxTotal      connections the node accepts in all
 * @param maxPerAddress connections the node accepts from one remote address (an IPv6 address counts by its /64)
 * @param maxPerUser    connections the node accepts for one authenticated identity
 * @param pingInterval  how long a connection may be silent before it is pinged
 * @param pingTimeout   how long a ping may go unanswered, or a write take, before the connection is closed with 4408
 * @param closeTimeout  how long a closing connection may take to read what is written before its close
 */
public record ConnectionPolicy(int outboxFrames, long outboxBytes, int ratePerSecond, int rateBurst,
                               int rateStrikes, int maxTotal, int maxPerAddress, int maxPerUser, Duration pingInterval,
                               Duration pingTimeout, Duration closeTimeout) {
}
