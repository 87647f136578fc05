package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.client.Message;
import dev.parley.client.ParleyListener;
import dev.parley.client.Presence;
import dev.parley.client.ServerError;
import dev.parley.client.Welcome;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a Java client's listener heard, queued by kind; each take waits up to {@link WsClient#WAIT}. */
final class Heard implements ParleyListener {
    private final BlockingQueue<Welcome> welcomes = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Presence> presence = new LinkedBlockingQueue<>();
    private final BlockingQueue<ServerError> errors = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> drops = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

    @Override
    public void onWelcome(Welcome welcome) {
        welcomes.add(welcome);
    }

    @Override
    public void onMessage(Message message) {
        messages.add(message);
    }

    @Override
    public void onPresence(Presence change) {
        presence.add(change);
    }

    @Override
    public void onError(ServerError error) {
        errors.add(error);
    }

    @Override
    public void onDropped(int code, String reason) {
        drops.add(code);
    }

    @Override
    public void onClosed(int code, String reason) {
        closes.add(code);
    }

    Welcome welcome() {
        return take(welcomes, "a welcome");
    }

    Message message() {
        return take(messages, "a message");
    }

    Presence presence() {
        return take(presence, "a join or leave");
    }

    int drop() {
        return take(drops, "a drop");
    }

    int close() {
        return take(closes, "a close");
    }

    /** Fails if a message arrives within {@code wait}: for what must not come, a short wait is all a test can do. */
    void noMessage(Duration wait) throws InterruptedException {
        Message more = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(more, () -> "no more messages, but got " + more);
    }

    boolean noErrors() {
        return errors.isEmpty();
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                fail("no " + what + " within " + WsClient.WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
