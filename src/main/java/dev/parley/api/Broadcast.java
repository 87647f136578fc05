package dev.parley.api;

import dev.parley.wire.Names;
import dev.parley.wire.UserIds;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The body of {@code POST /api/broadcast}: the message ({@code text} and {@code from}, as for one room or
 * user) and its targets, {@code rooms} and {@code users}, each listed once however often it was given.
 */
record Broadcast(List<String> rooms, List<String> users, PostedMessage message) {

    /**
     * @param maxTargets the most rooms and users together that one call may name
     * @throws ApiProblem 400 {@code bad_json} or {@code bad_request}
     */
    static Broadcast parse(String body, int maxTargets) {
        JsonObject fields = PostedMessage.object(body);
        List<String> rooms = names(PostedMessage.present(fields.get("rooms")), "rooms");
        List<String> users = userIds(PostedMessage.present(fields.get("users")));
        if (rooms.isEmpty() && users.isEmpty()) {
            throw new ApiProblem(400, "bad_request", "name at least one room or user in rooms or users");
        }
        if (rooms.size() + users.size() > maxTargets) {
            throw new ApiProblem(400, "bad_request", "at most " + maxTargets + " rooms and users in one broadcast, not "
                    + (rooms.size() + users.size()));
        }
        return new Broadcast(rooms, users, PostedMessage.parse(body));
    }

    /** An absent list is empty; anything else must be an array of valid user ids. */
    private static List<String> userIds(JsonValue value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray list)) {
            throw new ApiProblem(400, "bad_request", "users must be an array of user ids");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (JsonValue item : list) {
            if (!(item instanceof JsonString string) || !UserIds.isValid(string.getString())) {
                throw new ApiProblem(400, "bad_request", "users must hold valid user ids: 1 to " + UserIds.MAX_LENGTH
                        + " characters, no control characters");
            }
            ids.add(string.getString());
        }
        return List.copyOf(ids);
    }

    /** An absent list is empty; anything else must be an array of valid names. */
    private static List<String> names(JsonValue value, String field) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray list)) {
            throw new ApiProblem(400, "bad_request", field + " must be an array of names");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (JsonValue item : list) {
            if (!(item instanceof JsonString string) || !Names.isValid(string.getString())) {
                throw new ApiProblem(400, "bad_request", field + " must hold valid names: 1 to " + Names.MAX_LENGTH
                        + " letters, digits, _, - or .");
            }
            names.add(Names.normalized(string.getString()));
        }
        return List.copyOf(new ArrayList<>(names));
    }
}
