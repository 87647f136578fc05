package dev.parley.client;

/** A frame of a type this client does not know (a newer server's); the client passes it by. */
public record OtherFrame(String type) implements Frame {
}
