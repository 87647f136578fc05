package dev.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/** A plain HTTP request to {@code /ws/...} gets 426 and a line saying to use a WebSocket client. */
public final class UpgradeRequiredFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(426);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("426 Upgrade Required: this is a WebSocket endpoint; connect with a WebSocket client (ws:// or wss://)\n");
    }
}
