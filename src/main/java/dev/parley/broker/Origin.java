package dev.parley.broker;

/** The connection a message came from, and the {@code ref} it chose (or null). */
public record Origin(String connection, String ref) {
}
