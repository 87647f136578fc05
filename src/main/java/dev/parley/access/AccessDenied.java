package dev.parley.access;

/** A handshake's credentials were refused; the message says why, for the log (never the token). */
public final class AccessDenied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDenied(String why) {
        super(why, null, false, false);
    }
}
