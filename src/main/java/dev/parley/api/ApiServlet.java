package dev.parley.api;

import dev.parley.api.ApiRoute.Endpoint;
import dev.parley.broker.Broker;
import dev.parley.direct.Users;
import dev.parley.ops.Metrics;
import dev.parley.room.Rooms;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/*}: the server API for backends (docs/api.md). In order: the key (401), the caller's rate
 * (429), the path and method (404, 405, 400), an {@code Idempotency-Key} (400, or the first answer
 * again), then the body (415, 413, 400), then the rules and the broker (400, 409, 503). The OpenAPI
 * description needs no key.
 */
public final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();
    /** Callers whose rate buckets are kept; a caller past them starts again with a full bucket. */
    private static final int RATE_CALLERS = 10_000;
    /** Rooms and users one broadcast may name. */
    static final int MAX_TARGETS = 100;

    private final transient ApiKeys keys;
    private final transient ServerApi api;
    private final transient ApiRateLimit rate;
    private final transient IdempotencyKeys idempotency;
    private final transient Metrics metrics;
    private final int maxBodyBytes;
    private final byte[] openApi;

    public ApiServlet(ApiSettings settings, Rooms rooms, Users users, Broker broker, Metrics metrics) {
        this.keys = new ApiKeys(settings.keys());
        this.api = new ServerApi(rooms, users, broker.disconnects(), settings.textRule());
        this.rate = new ApiRateLimit(settings.rate(), settings.burst(), RATE_CALLERS);
        this.idempotency = new IdempotencyKeys(broker.idempotency(), settings.idempotencyTtl());
        this.metrics = metrics;
        this.maxBodyBytes = settings.maxBodyBytes();
        this.openApi = openApi();
    }

    /** Whether calls need a key; without one the API must be kept internal (docs/api.md). */
    public boolean open() {
        return !keys.required();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        Endpoint endpoint = Endpoint.at(request.getPathInfo()).orElse(null);
        response.setHeader("Cache-Control", "no-store");
        StoredReply reply;
        try {
            reply = answer(request, response, endpoint);
        } catch (ApiProblem problem) {
            if (problem.allow() != null) {
                response.setHeader("Allow", problem.allow());
            }
            reply = failure(problem);
        }
        response.setStatus(reply.status());
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(reply.body());
        metrics.apiCall(endpoint == null ? "unknown" : endpoint.label(), reply.status(), System.nanoTime() - start);
    }

    private StoredReply answer(HttpServletRequest request, HttpServletResponse response, Endpoint endpoint) {
        if (endpoint == Endpoint.OPENAPI && "GET".equals(request.getMethod())) {
            return new StoredReply(200, new String(openApi, StandardCharsets.UTF_8));
        }
        String authorization = request.getHeader("Authorization");
        if (!keys.admits(authorization)) {
            response.setHeader("WWW-Authenticate", "Bearer");
            throw new ApiProblem(401, "unauthorized", "this API needs Authorization: Bearer <key>");
        }
        String caller = keys.required() ? "key " + keys.keyOf(authorization) : "address " + request.getRemoteAddr();
        if (!rate.admit(caller, System.nanoTime())) {
            response.setHeader("Retry-After", Integer.toString(rate.retryAfterSeconds()));
            throw new ApiProblem(429, "rate_limited", "too many calls; slow down");
        }
        ApiRoute route = ApiRoute.of(request.getMethod(), request.getPathInfo());
        String key = request.getHeader("Idempotency-Key");
        if (key == null || !"POST".equals(route.endpoint().method())) {
            return call(route, request);
        }
        IdempotencyKeys.check(key);
        return idempotency.once(request.getPathInfo(), key, () -> call(route, request));
    }

    /** The endpoint's answer, or its refusal, as sent. */
    private StoredReply call(ApiRoute route, HttpServletRequest request) {
        try {
            return switch (route.endpoint()) {
                case ROOM_MESSAGES -> reply(201, api.postToRoom(route.name(), PostedMessage.parse(body(request))));
                case USER_MESSAGES -> reply(201, api.sendToUser(route.name(), PostedMessage.parse(body(request))));
                case BROADCAST -> reply(200, api.broadcast(Broadcast.parse(body(request), MAX_TARGETS)));
                case USER_DISCONNECT -> reply(202, api.disconnect(route.name(),
                        DisconnectRequest.parse(body(request))));
                case ROOM_PRESENCE -> reply(200, api.presence(route.name()));
                case ROOM_HISTORY -> reply(200, api.history(route.name(),
                        HistoryQuery.of(request.getParameter("since"), request.getParameter("limit"))));
                case ROOMS -> reply(200, api.rooms(RoomsQuery.of(request.getParameter("after"),
                        request.getParameter("limit"))));
                case USER_INBOX -> reply(200, api.inbox(route.name()));
                case OPENAPI -> throw new IllegalStateException("answered before the key");
            };
        } catch (ApiProblem problem) {
            return failure(problem);
        }
    }

    private String body(HttpServletRequest request) {
        try {
            return RequestBody.read(request.getContentType(), request.getContentLengthLong(),
                    request.getInputStream(), maxBodyBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoredReply reply(int status, Object body) {
        return new StoredReply(status, JSON.toJson(body));
    }

    private static StoredReply failure(ApiProblem problem) {
        return reply(problem.status(), new ApiReplies.Failure(problem.code(), problem.getMessage()));
    }

    private static byte[] openApi() {
        try (InputStream in = ApiServlet.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
