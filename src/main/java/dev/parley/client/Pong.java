package dev.parley.client;

/** The answer to {@link ParleyConnection#ping()}. */
public record Pong(String ref) implements Frame {
}
