package dev.parley.web;

import dev.parley.access.OriginPolicy;
import dev.parley.ops.LogText;
import dev.parley.socket.HandshakeContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Stands before every {@code /ws/...} handshake: a plain HTTP request gets 426 and a line saying to use a
 * WebSocket client, a browser from a foreign origin gets 403, and the rest go on with the client's
 * address known to the handshake.
 */
public final class HandshakeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(HandshakeFilter.class.getName());

    private final transient OriginPolicy origins;

    public HandshakeFilter(OriginPolicy origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            response.setHeader("Upgrade", "websocket");
            refuse(response, 426, "426 Upgrade Required: this is a WebSocket endpoint; connect with a WebSocket client (ws:// or wss://)");
            return;
        }
        String origin = request.getHeader("Origin");
        if (!origins.allows(origin, request.getScheme(), request.getHeader("Host"))) {
            LOG.log(System.Logger.Level.INFO, "refused a handshake to {0} from {1}: origin {2} is not allowed",
                    request.getRequestURI(), request.getRemoteAddr(), LogText.of(origin, LogText.HEADER_MAX));
            refuse(response, 403, "403 Forbidden: this origin may not open a WebSocket here");
            return;
        }
        HandshakeContext.begin(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            HandshakeContext.end();
        }
    }

    /**
     * A refusal a plain HTTP client reads and is done with: its length, and the end of the connection.
     * Payara (Grizzly) sends no length on a response that carries an {@code Upgrade} header, as a 426 must;
     * closing after it still ends the body where it ends.
     */
    private static void refuse(HttpServletResponse response, int status, String line) throws IOException {
        byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Connection", "close");
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
