package dev.parley.wire;

import java.util.Locale;

/** The {@code code} of an {@code error} frame. */
public enum ErrorCode {
    BAD_JSON,
    BAD_REQUEST,
    TOO_LONG,
    /** {@code data} over its size limit; not {@code too_large}, which the server API answers a body too large with. */
    DATA_TOO_LARGE,
    EMPTY,
    RATE_LIMITED,
    INBOX_FULL,
    /** A room the connection's token does not let it speak in. */
    FORBIDDEN,
    UNAVAILABLE;

    /** The code as it appears on the wire, e.g. {@code bad_json}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
