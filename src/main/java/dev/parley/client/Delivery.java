package dev.parley.client;

/**
 * Passes a connection's frames on: answers to the sends waiting for them, each message once to the
 * listener (a welcome's history included), the rest to the listener's other methods.
 */
final class Delivery {
    static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private final ParleyListener listener;
    private final Replies replies;
    private final SeenIds seen;

    Delivery(ParleyListener listener, Replies replies, SeenIds seen) {
        this.listener = listener;
        this.replies = replies;
        this.seen = seen;
    }

    void frame(Frame frame) {
        if (frame instanceof Welcome w) {
            safely(() -> listener.onWelcome(w));
            w.history().forEach(this::message);
        } else if (frame instanceof Message m) {
            message(m);
            replies.answer(m);
        } else if (frame instanceof ServerError e) {
            if (!replies.answer(e)) {
                safely(() -> listener.onError(e));
            }
        } else if (frame instanceof Presence p) {
            safely(() -> listener.onPresence(p));
        } else {
            replies.answer(frame); // an ack or a pong; a newer server's other frames are passed by
        }
    }

    void dropped(int code, String reason) {
        safely(() -> listener.onDropped(code, reason));
    }

    void closed(int code, String reason) {
        safely(() -> listener.onClosed(code, reason));
    }

    private void message(Message message) {
        if (seen.firstTime(message.id())) {
            safely(() -> listener.onMessage(message));
        }
    }

    /** A listener that throws must not stop the frames after it. */
    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a Parley listener threw", e);
        }
    }
}
