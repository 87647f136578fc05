package dev.parley.broker;

/** A request that every node close the connections of {@code user} with this close code and reason. */
public record Disconnect(String user, int code, String reason) {
}
