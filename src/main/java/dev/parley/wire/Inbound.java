package dev.parley.wire;

import jakarta.json.JsonObject;

/** A frame from a client, already checked for shape; the text rules are the endpoint's. */
public sealed interface Inbound {

    /** The client's {@code ref}, or null. */
    String ref();

    /** {@code message}, {@code ping}, {@code auth}, {@code token} or {@code invalid}, for metrics. */
    default String kind() {
        if (this instanceof Message) {
            return "message";
        }
        if (this instanceof Auth) {
            return "auth";
        }
        if (this instanceof Token) {
            return "token";
        }
        return this instanceof Ping ? "ping" : "invalid";
    }

    /**
     * {@code {"type":"message"}}: {@code to} is set on user connections only. {@code text} or {@code data}
     * may be null, not both.
     */
    record Message(String text, JsonObject data, String to, String ref) implements Inbound {
    }

    /** {@code {"type":"token"}}: a fresh token for the connection, before its own expires. */
    record Token(String token, String ref) implements Inbound {
        @Override
        public String toString() {
            return "Token[ref=" + ref + "]";
        }
    }

    /** {@code {"type":"ping"}}. */
    record Ping(String ref) implements Inbound {
    }

    /**
     * {@code {"type":"auth","token":"..."}}: the token of a connection that opened without one, as its first
     * frame. It has no {@code ref}.
     */
    record Auth(String token) implements Inbound {
        @Override
        public String ref() {
            return null;
        }

        @Override
        public String toString() {
            return "Auth[token hidden]";
        }
    }

    /** A frame that could not be accepted; answered with an {@code error} frame. */
    record Invalid(ErrorCode code, String message, String ref) implements Inbound {
    }
}
