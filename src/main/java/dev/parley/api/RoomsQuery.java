package dev.parley.api;

import dev.parley.wire.Names;

/**
 * The query of {@code GET /api/rooms}: {@code after}, the {@code next} of the page before (null for the
 * first page), and {@code limit}, the most rooms on one page.
 */
record RoomsQuery(String after, int limit) {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** @throws ApiProblem 400 when {@code limit} is not from 1 to 1000 or {@code after} not a valid name */
    static RoomsQuery of(String after, String limit) {
        String from = after == null || after.isEmpty() ? null : after;
        if (from != null && !Names.isValid(from)) {
            throw new ApiProblem(400, "bad_request", "after must be a room name, the next of the page before");
        }
        return new RoomsQuery(Names.normalized(from), limit(limit));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n > 0 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(400, "bad_request", "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '"
                + limit + "'");
    }
}
