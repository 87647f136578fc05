package dev.parley.connection;

import java.util.concurrent.atomic.AtomicBoolean;

/** A place in the {@link Hub}'s limits held for a session that has yet to say who it is; used once. */
public final class Place {
    private final String address;
    private final AtomicBoolean used = new AtomicBoolean();

    Place(String address) {
        this.address = address;
    }

    String address() {
        return address;
    }

    /** True for the one caller that turns it into a connection or gives it back. */
    boolean use() {
        return used.compareAndSet(false, true);
    }
}
