package dev.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Sends a strict Content-Security-Policy and two companion headers with every response, so the
 * static clients run only their own scripts and styles: a message can never become markup that runs.
 * {@code connect-src 'self'} also admits WebSocket connections to the page's own host and port.
 *
 * <p>With {@code nosniff} the declared type is what counts, so scripts are sent as
 * {@code text/javascript} (RFC 9239) on every container: Tomcat's default mapping says so, Payara's says
 * {@code application/javascript}.
 */
public final class SecurityHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, request.getRequestURI().endsWith(".js") ? new JavaScript(response) : response);
    }

    /** A response whose content type is {@code text/javascript} whatever the container's mapping says. */
    private static final class JavaScript extends HttpServletResponseWrapper {
        private static final String TYPE = "text/javascript;charset=UTF-8";

        JavaScript(HttpServletResponse response) {
            super(response);
            super.setContentType(TYPE);
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(TYPE);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? TYPE : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Content-Type".equalsIgnoreCase(name) ? TYPE : value);
        }
    }
}
