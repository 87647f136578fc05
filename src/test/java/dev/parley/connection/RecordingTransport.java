package dev.parley.connection;

import dev.parley.ops.Metrics;
import dev.parley.outbox.Outbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.parley.outbox.Transport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A transport that completes every write at once and keeps what was written and how it was closed. */
public class RecordingTransport implements Transport {
    private final List<String> sent = new ArrayList<>();
    private int closeCode;
    private int pings;

    @Override
    public synchronized void send(String text, Consumer<Throwable> done) {
        sent.add(text);
        done.accept(null);
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
    }

    @Override
    public synchronized void ping() {
        pings++;
    }

    public synchronized int pings() {
        return pings;
    }

    public synchronized List<JsonObject> frames() {
        return sent.stream().map(t -> Json.createReader(new StringReader(t)).readObject()).toList();
    }

    /** The frames written since the last call. */
    public synchronized List<JsonObject> take() {
        List<JsonObject> frames = frames();
        sent.clear();
        return frames;
    }

    public synchronized int closeCode() {
        return closeCode;
    }

    public static Connections connections() {
        return connections(new ConnectionPolicy(new Outbox.Limits(1000, 1 << 20), 1000, 1000, 20, 1000, 1000));
    }

    public static Connections connections(ConnectionPolicy policy) {
        return new Connections("test", policy, new Metrics(new SimpleMeterRegistry()));
    }
}
