package dev.parley.api;

import dev.parley.wire.Names;
import dev.parley.wire.UserIds;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an API call goes: one of the endpoints and the room or user it names (null for those that name
 * none), from the path after {@code /api}. Unknown paths are 404, a known path with another method 405,
 * an invalid name 400.
 */
record ApiRoute(Endpoint endpoint, String name) {

    /**
     * The API's endpoints: the collection under {@code /api/}, the last path segment after a name (null
     * for a path of one segment), and the method.
     */
    enum Endpoint {
        ROOM_MESSAGES("rooms", "messages", "POST"),
        USER_MESSAGES("users", "messages", "POST"),
        ROOM_PRESENCE("rooms", "presence", "GET"),
        ROOM_HISTORY("rooms", "history", "GET"),
        ROOMS("rooms", null, "GET"),
        BROADCAST("broadcast", null, "POST"),
        USER_INBOX("users", "inbox", "GET"),
        USER_DISCONNECT("users", "disconnect", "POST"),
        OPENAPI("openapi.json", null, "GET");

        private final String collection;
        private final String action;
        private final String method;

        Endpoint(String collection, String action, String method) {
            this.collection = collection;
            this.action = action;
            this.method = method;
        }

        String method() {
            return method;
        }

        /** Its name in metrics: one per endpoint, whatever room or user the path names. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The endpoint at a path, whatever its method and name; empty for none. */
        static Optional<Endpoint> at(String path) {
            String[] parts = path == null ? new String[0] : path.split("/", -1);
            if (parts.length < 2 || !parts[0].isEmpty()) {
                return Optional.empty();
            }
            for (Endpoint endpoint : values()) {
                boolean match = endpoint.action == null
                        ? parts.length == 2 && endpoint.collection.equals(parts[1])
                        : parts.length == 4 && endpoint.collection.equals(parts[1]) && endpoint.action.equals(parts[3]);
                if (match) {
                    return Optional.of(endpoint);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param path the decoded path after {@code /api}, such as {@code /rooms/lobby/messages}, or null
     * @throws ApiProblem 404, 405 or 400
     */
    static ApiRoute of(String method, String path) {
        Endpoint endpoint = Endpoint.at(path).orElseThrow(() -> new ApiProblem(404, "not_found",
                "no API endpoint at /api" + (path == null ? "" : path)));
        if (!endpoint.method.equals(method)) {
            throw ApiProblem.methodNotAllowed(path, endpoint.method);
        }
        if (endpoint.action == null) {
            return new ApiRoute(endpoint, null);
        }
        String name = path.split("/", -1)[2];
        if (endpoint.collection.equals("users")) {
            // user ids are opaque (an identity provider's): taken as they are, not normalised
            if (!UserIds.isValid(name)) {
                throw new ApiProblem(400, "bad_request", "not a valid user id: 1 to " + UserIds.MAX_LENGTH
                        + " characters, no control characters");
            }
            return new ApiRoute(endpoint, name);
        }
        if (!Names.isValid(name)) {
            throw new ApiProblem(400, "bad_request", "'" + name + "' is not a valid name: 1 to "
                    + Names.MAX_LENGTH + " letters, digits, _, - or .");
        }
        return new ApiRoute(endpoint, Names.normalized(name));
    }
}
