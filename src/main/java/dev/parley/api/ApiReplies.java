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

    /**
     * {@code 200} to a broadcast: one result per room and user, rooms first, each as its own post's answer
     * or refusal would be.
     */
    public record Broadcasted(List<TargetResult> results) {
    }

    /**
     * One target of a broadcast: {@code room} or {@code user}, then {@code id} and {@code ts} (a room),
     * {@code id} and {@code status} (a user), or {@code error} and {@code message}. Absent fields are left
     * out of the JSON.
     */
    @JsonbPropertyOrder({"room", "user", "id", "ts", "status", "error", "message"})
    public record TargetResult(String room, String user, String id, String ts, String status, String error,
                               String message) {

        static TargetResult posted(String room, Posted posted) {
            return new TargetResult(room, null, posted.id(), posted.ts(), null, null, null);
        }

        static TargetResult sent(String user, Sent sent) {
            return new TargetResult(null, user, sent.id(), null, sent.status(), null, null);
        }

        static TargetResult roomRefused(String room, ApiProblem problem) {
            return new TargetResult(room, null, null, null, null, problem.code(), problem.getMessage());
        }

        static TargetResult userRefused(String user, ApiProblem problem) {
            return new TargetResult(null, user, null, null, null, problem.code(), problem.getMessage());
        }
    }

    /** How many direct messages wait for a user. */
    @JsonbPropertyOrder({"user", "pending"})
    public record Inbox(String user, int pending) {
    }

    /** A page of the rooms with members, by name; {@code next} is absent on the last page. */
    @JsonbPropertyOrder({"rooms", "next"})
    public record Rooms(List<RoomCount> rooms, String next) {
    }

    /** A room with members, and how many. */
    @JsonbPropertyOrder({"room", "members"})
    public record RoomCount(String room, int members) {
    }

    /** {@code 202} to a disconnect: every node was asked to close the user's connections so. */
    @JsonbPropertyOrder({"user", "code", "reason"})
    public record Disconnecting(String user, int code, String reason) {
    }

    /** Every refusal: the protocol's code (or the HTTP-only ones of docs/api.md) and a sentence. */
    @JsonbPropertyOrder({"error", "message"})
    public record Failure(String error, String message) {
    }
}
