package dev.parley.socket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handshake's {@code Sec-WebSocket-Protocol} offers: Parley's protocol, {@code parley.v1}, and a
 * token as {@code token.<jwt>}, the one place a browser can put a credential other than the URL. Only
 * {@code parley.v1} is ever answered: the token is read, never echoed.
 */
public final class Subprotocols {
    /** The subprotocol a client offers and the server answers. */
    public static final String PARLEY = "parley.v1";
    /** The prefix of the subprotocol that carries a token. */
    public static final String TOKEN_PREFIX = "token.";
    static final String HEADER = "Sec-WebSocket-Protocol";

    private Subprotocols() {
    }

    /** Every subprotocol offered in the handshake's headers, in order; the header may come more than once. */
    static List<String> offered(Map<String, List<String>> headers) {
        List<String> offered = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
                for (String value : header.getValue()) {
                    for (String item : value.split(",")) {
                        if (!item.isBlank()) {
                            offered.add(item.strip());
                        }
                    }
                }
            }
        }
        return offered;
    }

    /** The token offered as {@code token.<jwt>}, or null; with several, the first. */
    static String token(List<String> offered) {
        for (String protocol : offered) {
            if (protocol.startsWith(TOKEN_PREFIX) && protocol.length() > TOKEN_PREFIX.length()) {
                return protocol.substring(TOKEN_PREFIX.length());
            }
        }
        return null;
    }

    /** The answer to what was offered: {@code parley.v1} when it was, else none (the empty string). */
    static String negotiated(List<String> requested) {
        return requested.contains(PARLEY) ? PARLEY : "";
    }
}
