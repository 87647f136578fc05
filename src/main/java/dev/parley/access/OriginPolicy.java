package dev.parley.access;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may open a WebSocket. By default only the server's own (the scheme of the
 * request and the host and port of its {@code Host}); a configured list of exact origins replaces that.
 * A handshake without {@code Origin} comes from a non-browser client and is always allowed.
 */
public final class OriginPolicy {
    private final List<String> allowed;

    /** {@code allowed}: exact origins such as {@code https://chat.example.com}, or empty for same-origin. */
    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::trimSlash).toList();
    }

    /**
     * @param origin the {@code Origin} header, or null
     * @param scheme the request's scheme, {@code http} or {@code https}
     * @param host   the request's {@code Host} header
     */
    public boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(trimSlash(origin));
        }
        return host != null && sameOrigin(origin, scheme, host);
    }

    private static boolean sameOrigin(String origin, String scheme, String host) {
        try {
            URI o = new URI(origin);
            URI h = new URI(scheme + "://" + host);
            return o.getScheme() != null && o.getHost() != null && h.getHost() != null
                    && o.getScheme().equalsIgnoreCase(scheme)
                    && o.getHost().toLowerCase(Locale.ROOT).equals(h.getHost().toLowerCase(Locale.ROOT))
                    && port(o) == port(h);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
