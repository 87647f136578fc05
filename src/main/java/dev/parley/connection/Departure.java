package dev.parley.connection;

/**
 * The two things a connection does exactly once as it ends, whichever of its ends comes first: it leaves
 * what it joined as soon as it starts to end, and it is forgotten once its socket is gone.
 */
final class Departure {
    private Runnable leave;
    private boolean left;
    private boolean gone;

    /**
     * Remembers what to run when the connection starts to end: false, remembering nothing, when it has
     * started to end already (then the caller undoes the joining itself).
     */
    synchronized boolean joined(Runnable leave) {
        if (left) {
            return false;
        }
        this.leave = leave;
        return true;
    }

    /** The connection starts to end: undoes what it joined, the first time only. */
    void leave() {
        Runnable undo;
        synchronized (this) {
            if (left) {
                return;
            }
            left = true;
            undo = leave;
        }
        if (undo != null) {
            undo.run();
        }
    }

    /** True the first time only: the socket is gone. */
    synchronized boolean gone() {
        if (gone) {
            return false;
        }
        gone = true;
        return true;
    }
}
