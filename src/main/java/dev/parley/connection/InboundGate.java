package dev.parley.connection;

import dev.parley.ops.Metrics;
import dev.parley.wire.ErrorCode;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.FrameCodec;
import dev.parley.wire.Inbound;
import dev.parley.wire.PongFrame;
import java.util.function.BiConsumer;

/**
 * Everything a client sends passes here before any rule sees it, in one order: size (1009 over the
 * maximum), rate (a refused frame is read only for its {@code ref}), decoding, the answers every endpoint
 * gives alike (a ping's pong, an invalid frame's error), metrics. The rules get only decoded messages,
 * and only while the connection is not closing: a client being closed (1009, 4429) says nothing more.
 */
public final class InboundGate {
    private final int maxFrameChars;
    private final Close tooBig;
    private final Metrics metrics;

    public InboundGate(int maxFrameChars, Metrics metrics) {
        this.maxFrameChars = maxFrameChars;
        this.tooBig = Close.tooBig(maxFrameChars);
        this.metrics = metrics;
    }

    /** As {@link #frame(Connection, String, BiConsumer, BiConsumer)}, where a token frame is refused. */
    public void frame(Connection from, String text, BiConsumer<Connection, Inbound.Message> rules) {
        frame(from, text, rules, (c, token) -> c.send(ErrorFrame.of(ErrorCode.BAD_REQUEST,
                "this connection takes no token", token.ref())));
    }

    /**
     * A text frame of a room or user connection: {@code rules} get it if it is a message that may pass,
     * {@code tokens} if it is a fresh token.
     */
    public void frame(Connection from, String text, BiConsumer<Connection, Inbound.Message> rules,
                      BiConsumer<Connection, Inbound.Token> tokens) {
        if (from.isClosing() || !fits(from, text)) {
            return;
        }
        if (!from.admit(() -> FrameCodec.decode(text).ref())) {
            return;
        }
        Inbound frame = FrameCodec.decode(text);
        metrics.frameIn(frame.kind());
        if (frame instanceof Inbound.Message message) {
            rules.accept(from, message);
        } else if (frame instanceof Inbound.Token token) {
            tokens.accept(from, token);
        } else if (frame instanceof Inbound.Ping ping) {
            from.send(PongFrame.of(ping.ref()));
        } else if (frame instanceof Inbound.Auth) {
            from.send(ErrorFrame.of(ErrorCode.BAD_REQUEST, "this connection is authenticated already", null));
        } else if (frame instanceof Inbound.Invalid invalid) {
            from.send(ErrorFrame.of(invalid.code(), invalid.message(), invalid.ref()));
        }
        from.heard();
    }

    /** A text frame that is not decoded (echo, monitor), counted as {@code kind}. */
    public void raw(Connection from, String text, String kind, BiConsumer<Connection, String> rules) {
        if (!from.isClosing() && fits(from, text) && from.admit(() -> null)) {
            metrics.frameIn(kind);
            from.heard();
            rules.accept(from, text);
        }
    }

    /**
     * An unasked pong counts against the rate limit like any frame, without an error frame to answer it
     * (it carries no {@code ref}); only one that passes proves the client alive.
     */
    public boolean pong(Connection from) {
        if (!from.admitSilently()) {
            return false;
        }
        from.heard();
        return true;
    }

    /** The client answered a ping Parley sent to confirm what it read: alive, and the outbox may go on. */
    public void answered(Connection from) {
        from.heard();
        from.confirmed();
    }

    /** Parley speaks text only. */
    public void binary(Connection from) {
        from.close(Close.BINARY, true);
    }

    private boolean fits(Connection from, String text) {
        if (text.length() <= maxFrameChars) {
            return true;
        }
        from.close(tooBig, true);
        return false;
    }
}
