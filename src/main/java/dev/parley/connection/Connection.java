package dev.parley.connection;

import dev.parley.outbox.Encoded;
import dev.parley.outbox.Outbox;
import dev.parley.outbox.Transport;
import dev.parley.wire.FrameCodec;
import dev.parley.wire.ServerFrame;
import java.util.List;

/** One open WebSocket as the chat rules see it: an id, an outbox, and a way to close it. */
public final class Connection {
    private final String id;
    private final Transport transport;
    private final Outbox outbox;

    Connection(String id, Transport transport, Outbox.Limits limits) {
        this.id = id;
        this.transport = transport;
        this.outbox = new Outbox(transport, limits, true);
    }

    /** Unique across every node: the node's name and a counter. */
    public String id() {
        return id;
    }

    public void send(ServerFrame frame) {
        outbox.offer(Encoded.of(FrameCodec.encode(frame)));
    }

    public void send(Encoded frame) {
        outbox.offer(frame);
    }

    /** Starts writing: the welcome frames first, then stream frames after {@code covered}. */
    public void open(List<Encoded> welcome, long covered) {
        outbox.release(welcome, covered);
    }

    /** Opens the connection for frames that are not part of any stream (echo, monitor). */
    public void open() {
        outbox.release(List.of(), 0);
    }

    public void close(int code, String reason) {
        outbox.discard();
        transport.close(code, reason);
    }

    /** The socket is gone: stop queueing for it. */
    void closed() {
        outbox.discard();
    }

    public int queued() {
        return outbox.depth();
    }
}
