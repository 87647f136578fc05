package dev.parley.socket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a session's writes apart from the container's teardown of its connection: once {@link #shut}
 * returns, no write is under way and none starts. Writes share the read side of a lock, so they never wait
 * for one another; shutting takes the write side, which waits for those under way.
 *
 * <p>Payara needs it. GlassFish hands the upgraded request's output stream back to its pool as soon as
 * Tyrus closes the connection, right after the endpoint's close has returned, and the next request the
 * same worker thread takes on uses it again. A write that reached the old stream after that landed on the
 * other connection: a room message in front of another user's welcome, or an HTTP head in the middle of
 * its frames. The endpoint's close shuts the fence, so Parley's last write is done before Tyrus lets go.
 */
final class WriteFence {
    /** Writes are non-blocking, so those under way end within microseconds; the bound is for the unforeseen. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean shut;

    /** A write may start: true, and then {@link #exit} must follow; false once the fence is shut. */
    boolean enter() {
        if (!lock.readLock().tryLock()) {
            return false;       // the write side is held only while shutting
        }
        if (shut) {
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    void exit() {
        lock.readLock().unlock();
    }

    boolean isShut() {
        return shut;
    }

    /**
     * No write starts from now on; returns once the writes under way on other threads are done, true, or
     * false when they were not done within the bound. A write under way on this thread (the container
     * closing the session inside Parley's own write or close) is not waited for: it is this caller's.
     */
    boolean shut() {
        shut = true;
        int own = lock.getReadHoldCount();
        if (own == 0) {
            try {
                if (lock.writeLock().tryLock(DRAIN_NANOS, TimeUnit.NANOSECONDS)) {
                    lock.writeLock().unlock();
                    return true;
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        // this thread holds the read side and cannot take the write side: wait for the other holders
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (lock.getReadLockCount() > own) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
