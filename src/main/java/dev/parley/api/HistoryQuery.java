package dev.parley.api;

/**
 * The query of {@code GET /api/rooms/{room}/history}: {@code since}, a message id as in a resume (null for
 * none), and {@code limit}, the most messages answered (null for all that are kept).
 */
record HistoryQuery(String since, Integer limit) {

    /** @throws ApiProblem 400 when {@code limit} is not a positive whole number */
    static HistoryQuery of(String since, String limit) {
        return new HistoryQuery(since == null || since.isEmpty() ? null : since, limit(limit));
    }

    private static Integer limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiProblem(400, "bad_request", "limit must be a positive whole number, not '" + limit + "'");
    }
}
