package dev.parley.connection;

import java.util.Locale;

/** The endpoints a connection can be opened on. */
public enum EndpointKind {
    ROOM,
    USER,
    ECHO,
    MONITOR;

    /** The kind as it appears in metrics and logs, e.g. {@code room}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
