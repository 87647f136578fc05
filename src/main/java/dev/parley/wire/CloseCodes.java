package dev.parley.wire;

/** WebSocket close codes Parley uses, as listed in the protocol. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int CANNOT_ACCEPT = 1003;
    /** Never sent: the connection ended without a close frame. */
    public static final int CLOSED_ABNORMALLY = 1006;
    public static final int TOO_BIG = 1009;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int INVALID_NAME = 4400;
    public static final int UNAUTHORIZED = 4401;
    public static final int SLOW_CONSUMER = 4408;
    public static final int RATE_LIMITED = 4429;

    private CloseCodes() {
    }
}
