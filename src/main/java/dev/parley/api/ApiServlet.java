package dev.parley.api;

import dev.parley.direct.Users;
import dev.parley.room.Rooms;
import dev.parley.wire.TextRule;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * {@code /api/*}: the server API for backends (docs/api.md). In order: the key (401), the path and method
 * (404, 405, 400), then the body (415, 413, 400), then the rules and the broker (400, 409, 503).
 */
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    private final transient ApiKeys keys;
    private final transient ServerApi api;
    private final int maxBodyBytes;

    /** {@code maxBodyBytes}: {@code parley.frame.max}, the largest body taken, in bytes. */
    public ApiServlet(List<String> keys, Rooms rooms, Users users, TextRule textRule, int maxBodyBytes) {
        this.keys = new ApiKeys(keys);
        this.api = new ServerApi(rooms, users, textRule);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Whether calls need a key; without one the API must be kept internal (docs/api.md). */
    public boolean open() {
        return !keys.required();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        try {
            if (!keys.admits(request.getHeader("Authorization"))) {
                response.setHeader("WWW-Authenticate", "Bearer");
                throw new ApiProblem(401, "unauthorized", "this API needs Authorization: Bearer <key>");
            }
            ApiRoute route = ApiRoute.of(request.getMethod(), request.getPathInfo());
            Object reply = switch (route.endpoint()) {
                case ROOM_MESSAGES -> api.postToRoom(route.name(), PostedMessage.parse(body(request)));
                case USER_MESSAGES -> api.sendToUser(route.name(), PostedMessage.parse(body(request)));
                case ROOM_PRESENCE -> api.presence(route.name());
                case ROOM_HISTORY -> api.history(route.name(), HistoryQuery.of(request.getParameter("since"),
                        request.getParameter("limit")));
            };
            write(response, route.endpoint().method().equals("POST") ? 201 : 200, reply);
        } catch (ApiProblem problem) {
            if (problem.allow() != null) {
                response.setHeader("Allow", problem.allow());
            }
            write(response, problem.status(), new ApiReplies.Failure(problem.code(), problem.getMessage()));
        }
    }

    private String body(HttpServletRequest request) throws IOException {
        return RequestBody.read(request.getContentType(), request.getContentLengthLong(), request.getInputStream(),
                maxBodyBytes);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.toJson(body));
    }
}
