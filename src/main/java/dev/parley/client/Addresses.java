package dev.parley.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The WebSocket addresses of Parley's endpoints under a server's base address. */
final class Addresses {
    private final String base;

    /** {@code base}: where Parley is deployed, {@code http(s)://} or {@code ws(s)://}, such as {@code http://host:8080/parley/}. */
    Addresses(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        String ws = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException(
                    "the server's address must start with http://, https://, ws:// or wss://: " + base);
        };
        if (base.getRawAuthority() == null) {
            throw new IllegalArgumentException("the server's address has no host: " + base);
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        this.base = ws + "://" + base.getRawAuthority() + (path.endsWith("/") ? path : path + "/");
    }

    /** {@code ws/room/{room}}, with {@code name} and {@code since} when not null; never a token. */
    URI room(String room, String name, String since) {
        return URI.create(base + "ws/room/" + encode(room) + query("name", name, "since", since));
    }

    /** {@code ws/user/{user}}, with {@code since} when not null; never a token. */
    URI user(String user, String since) {
        return URI.create(base + "ws/user/" + encode(user) + query("since", since));
    }

    private static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.append(query.length() == 0 ? '?' : '&')
                        .append(namesAndValues[i]).append('=').append(encode(namesAndValues[i + 1]));
            }
        }
        return query.toString();
    }

    /** Percent-encoded UTF-8, a space as {@code %20}: fit for a path segment and a query value alike. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
