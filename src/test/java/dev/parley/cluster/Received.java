package dev.parley.cluster;

import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Small readers for what the cluster tests' clients received. */
final class Received {
    private Received() {
    }

    /** The next {@code n} frames of {@code type}, skipping others, all within {@code wait}. */
    static List<JsonObject> next(WsClient client, String type, int n, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<JsonObject> frames = new ArrayList<>();
        while (frames.size() < n) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            frames.add(client.next(type, Duration.ofMillis(left)));
        }
        return frames;
    }

    /** Frames of {@code type} until there are {@code n} or {@code wait} is over: fewer when some never came. */
    static List<JsonObject> upTo(WsClient client, String type, int n, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<JsonObject> frames = new ArrayList<>();
        while (frames.size() < n && System.nanoTime() < deadline) {
            String text = client.pollText();
            if (text == null) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                continue;
            }
            JsonObject frame = Json.createReader(new StringReader(text)).readObject();
            if (type.equals(frame.getString("type", null))) {
                frames.add(frame);
            }
        }
        return frames;
    }

    static List<String> ids(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("id")).toList();
    }

    static List<String> texts(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("text")).toList();
    }

    static List<String> ids(JsonArray messages) {
        return ids(messages.getValuesAs(JsonObject.class));
    }

    static List<String> texts(JsonArray messages) {
        return texts(messages.getValuesAs(JsonObject.class));
    }

    static List<String> members(JsonObject welcome) {
        return welcome.getJsonArray("members").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
    }
}
