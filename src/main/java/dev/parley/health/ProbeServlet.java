package dev.parley.health;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /health/live}, {@code /health/ready}, {@code /health/started}: 200 with the probe's report when it
 * is UP, 503 when it is DOWN, 404 for any other path under {@code /health/}.
 */
public final class ProbeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    private final transient Probes probes;

    public ProbeServlet(Probes probes) {
        this.probes = probes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String probe = request.getPathInfo() == null ? "" : request.getPathInfo();
        Report report = switch (probe) {
            case "/live" -> probes.live();
            case "/ready" -> probes.ready();
            case "/started" -> probes.startup();
            default -> null;
        };
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (report == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.getWriter().write(JSON.toJson(Map.of("error",
                    "no such probe; use /health/live, /health/ready or /health/started")));
            return;
        }
        response.setStatus(report.passed() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.getWriter().write(JSON.toJson(report));
    }
}
