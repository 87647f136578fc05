package dev.parley.client;

/** A frame the server sent, as the client reads it. */
public sealed interface Frame permits Welcome, Message, Presence, Ack, ServerError, Pong, OtherFrame {
}
