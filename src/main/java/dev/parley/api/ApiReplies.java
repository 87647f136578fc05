package dev.parley.api;

import dev.parley.wire.MessageFrame;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The bodies the API answers with, as records encoded by JSON-B (public: Yasson reads only public types). */
public final class ApiReplies {

    private ApiReplies() {
    }

    /** {@code 201} to a room post: the message's id and time, as members see them. */
    @JsonbPropertyOrder({"id", "ts"})
    public record Posted(String id, String ts) {
    }

    /** {@code 201} to a direct message: {@code delivered} or {@code stored}, as in the WebSocket ack. */
    @JsonbPropertyOrder({"id", "status"})
    public record Sent(String id, String status) {
    }

    /** A room's members (at most {@code parley.presence.limit} of them) and their total count. */
    @JsonbPropertyOrder({"room", "members", "count"})
    public record Presence(String room, List<String> members, int count) {
    }

    /**
     * A room's kept messages, oldest first, as {@code message} frames; {@code recovered} as in a resume
     * when {@code since} was given.
     */
    @JsonbPropertyOrder({"room", "messages", "recovered"})
    public record History(String room, List<MessageFrame> messages, Boolean recovered) {
    }

    /** Every refusal: the protocol's code (or the HTTP-only ones of docs/api.md) and a sentence. */
    @JsonbPropertyOrder({"error", "message"})
    public record Failure(String error, String message) {
    }
}
