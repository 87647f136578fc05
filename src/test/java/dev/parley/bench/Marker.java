package dev.parley.bench;

/**
 * The text a sender puts in each message: this run's id, the phase, the sender's index, its sequence number and
 * the time (System.nanoTime of this JVM) the message was due. Digits and letters only, so every server passes it
 * through unchanged (Tomcat's example escapes HTML).
 */
record Marker(int phase, int sender, long seq, long dueNanos) {
    /** This run's id, for names of rooms and users too; a marker starts with {@link #RUN}, which names never hold. */
    static final String ID = Long.toString(System.currentTimeMillis(), 36);
    static final String RUN = "bm" + ID + "x";

    String text() {
        return RUN + phase + "x" + sender + "x" + seq + "x" + dueNanos + "x";
    }

    /** The marker of this run in {@code frame}, or null when there is none (another run's, a notice). */
    static Marker find(String frame) {
        int at = frame.indexOf(RUN);
        if (at < 0) {
            return null;
        }
        try {
            return parse(frame, at);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Marker parse(String frame, int at) {
        long[] parts = new long[4];
        int i = at + RUN.length();
        for (int p = 0; p < 4; p++) {
            boolean negative = frame.charAt(i) == '-';
            if (negative) {
                i++;
            }
            long v = 0;
            char c;
            while ((c = frame.charAt(i)) != 'x') {
                if (c < '0' || c > '9') {
                    throw new NumberFormatException(frame);
                }
                v = v * 10 + (c - '0');
                i++;
            }
            parts[p] = negative ? -v : v;
            i++;
        }
        return new Marker((int) parts[0], (int) parts[1], parts[2], parts[3]);
    }
}
