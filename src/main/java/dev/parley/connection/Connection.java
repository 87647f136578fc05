package dev.parley.connection;

import dev.parley.ops.Metrics;
import dev.parley.outbox.Encoded;
import dev.parley.outbox.Outbox;
import dev.parley.outbox.Transport;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.ServerFrame;
import java.time.Instant;
import java.util.List;

/** One open WebSocket as the chat rules see it: an id, an outbox, and a way to close it. */
public final class Connection {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());

    private final String id;
    private final String endpoint;
    private final Instant opened = Instant.now();
    private final Transport transport;
    private final Outbox outbox;
    private final Metrics metrics;

    Connection(String id, String endpoint, Transport transport, Outbox.Limits limits, Metrics metrics) {
        this.id = id;
        this.endpoint = endpoint;
        this.transport = transport;
        this.metrics = metrics;
        this.outbox = new Outbox(transport, limits, true, metrics);
    }

    /** Unique across every node: the node's name and a counter. */
    public String id() {
        return id;
    }

    /** {@code room}, {@code user}, {@code echo} or {@code monitor}. */
    public String endpoint() {
        return endpoint;
    }

    public Instant opened() {
        return opened;
    }

    /** Counts a frame from the client, by type. */
    public void received(String type) {
        metrics.frameIn(type);
    }

    public void send(ServerFrame frame) {
        if (frame instanceof ErrorFrame error) {
            metrics.errorSent(error.code());
            LOG.log(System.Logger.Level.DEBUG, "error {0} sent to {1}", error.code(), id);
        }
        outbox.offer(Encoded.of(frame));
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
