package dev.parley.broker;

import java.time.Instant;

/** An accepted direct message; {@code seq} is its position in the receiver's stream. */
public record DirectMessage(long seq, String id, String from, String to, String text, Instant ts) {
}
