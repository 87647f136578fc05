package dev.parley.testing;

import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Turns a base URL (Arquillian's {@code http://host:port/ctx/}, or the
 * Cargo-started Tomcat's) into URIs for a path with an optional query.
 * Every path segment and every query name and value is percent-encoded as
 * UTF-8, so {@code ws("ws/room/李雷?name=bob smith")} gives
 * {@code ws://host:port/ctx/ws/room/%E6%9D%8E%E9%9B%B7?name=bob%20smith}.
 * The characters {@code / ? & =} keep their URL meaning; anything else is
 * literal text (to send a deliberately malformed path, use {@link RawWebSocket}).
 */
public final class Urls {

    private Urls() {
    }

    /** {@code ws://} (or {@code wss://} for an https base) URI of {@code pathAndQuery} under {@code base}. */
    public static URI ws(URL base, String pathAndQuery) {
        String scheme = "https".equalsIgnoreCase(base.getProtocol()) ? "wss" : "ws";
        return build(scheme, base, pathAndQuery);
    }

    /** {@code http://} URI of {@code pathAndQuery} under {@code base}. */
    public static URI http(URL base, String pathAndQuery) {
        return build(base.getProtocol(), base, pathAndQuery);
    }

    /** Percent-encodes every byte of the UTF-8 form of {@code text} except {@code A-Z a-z 0-9 - . _ ~}. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static URI build(String scheme, URL base, String pathAndQuery) {
        String basePath = base.getPath().isEmpty() ? "/" : base.getPath();
        if (!basePath.endsWith("/")) {
            basePath += "/";
        }
        String rest = pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery;
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? null : rest.substring(q + 1);

        StringBuilder uri = new StringBuilder(scheme).append("://").append(base.getAuthority()).append(basePath);
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                uri.append('/');
            }
            uri.append(encode(segments[i]));
        }
        if (query != null) {
            uri.append('?');
            String[] params = query.split("&", -1);
            for (int i = 0; i < params.length; i++) {
                if (i > 0) {
                    uri.append('&');
                }
                int eq = params[i].indexOf('=');
                if (eq < 0) {
                    uri.append(encode(params[i]));
                } else {
                    uri.append(encode(params[i].substring(0, eq))).append('=')
                            .append(encode(params[i].substring(eq + 1)));
                }
            }
        }
        return URI.create(uri.toString());
    }
}
