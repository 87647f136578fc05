package dev.parley.client;

/** A frame the server refused ({@code too_long}, {@code rate_limited}, ...); the connection stays open. */
public record ServerError(String code, String message, String ref) implements Frame {
}
