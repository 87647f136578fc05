package dev.parley.web;

import dev.parley.broker.Broker;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /health}: 200 with {@code "status":"UP"} while the broker takes messages, else 503 and DOWN. */
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    /** The health document. */
    @JsonbPropertyOrder({"status", "node", "version", "uptimeSeconds", "broker"})
    public record Health(String status, String node, String version, long uptimeSeconds, BrokerHealth broker) {
    }

    /** The broker's part of it. */
    @JsonbPropertyOrder({"kind", "status"})
    public record BrokerHealth(String kind, String status) {
    }

    private final transient Broker broker;
    private final String node;
    private final String version;
    private final Instant started;

    public HealthServlet(Broker broker, String node, String version, Instant started) {
        this.broker = broker;
        this.node = node;
        this.version = version;
        this.started = started;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = broker.isUp(); // asked once: the status and the code must agree
        String status = up ? "UP" : "DOWN";
        Health health = new Health(status, node, version, Duration.between(started, Instant.now()).toSeconds(),
                new BrokerHealth(broker.kind(), status));
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(JSON.toJson(health));
    }
}
