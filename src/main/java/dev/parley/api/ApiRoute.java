package dev.parley.api;

import dev.parley.wire.Names;

/**
 * Where an API call goes: one of the endpoints and the room or user it names, from the path after
 * {@code /api}. Unknown paths are 404, a known path with another method 405, an invalid name 400.
 */
record ApiRoute(Endpoint endpoint, String name) {

    /** The API's endpoints: the collection under {@code /api/}, the last path segment, and the method. */
    enum Endpoint {
        ROOM_MESSAGES("rooms", "messages", "POST"),
        USER_MESSAGES("users", "messages", "POST"),
        ROOM_PRESENCE("rooms", "presence", "GET"),
        ROOM_HISTORY("rooms", "history", "GET");

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
    }

    /**
     * @param path the decoded path after {@code /api}, such as {@code /rooms/lobby/messages}, or null
     * @throws ApiProblem 404, 405 or 400
     */
    static ApiRoute of(String method, String path) {
        String[] parts = path == null ? new String[0] : path.split("/", -1);
        if (parts.length != 4 || !parts[0].isEmpty()) {
            throw notFound(path);
        }
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.collection.equals(parts[1]) && endpoint.action.equals(parts[3])) {
                if (!endpoint.method.equals(method)) {
                    throw ApiProblem.methodNotAllowed(path, endpoint.method);
                }
                if (!Names.isValid(parts[2])) {
                    throw new ApiProblem(400, "bad_request", "'" + parts[2] + "' is not a valid name: 1 to "
                            + Names.MAX_LENGTH + " letters, digits, _, - or .");
                }
                return new ApiRoute(endpoint, parts[2]);
            }
        }
        throw notFound(path);
    }

    private static ApiProblem notFound(String path) {
        return new ApiProblem(404, "not_found", "no API endpoint at /api" + (path == null ? "" : path));
    }
}
