package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Fills an offline user's inbox through a real connection, checking every ack says {@code stored}. */
final class OfflineSender {
    private static final int IN_FLIGHT = 20;

    private OfflineSender() {
    }

    /** Sends {@code count} messages from {@code from} to the offline {@code to}: their ids, oldest first. */
    static List<String> store(URL base, String from, String to, int count, IntFunction<String> text) {
        List<String> ids = new ArrayList<>();
        try (WsClient sender = WsClient.connect(base, "ws/user/" + from)) {
            sender.next("welcome");
            int sent = 0;
            while (ids.size() < count) {
                // a few in flight at a time: quicker than one by one, and the acks stay in order
                while (sent < count && sent - ids.size() < IN_FLIGHT) {
                    sender.send("{\"to\":\"" + to + "\",\"text\":\"" + text.apply(sent) + "\",\"ref\":\"s" + sent + "\"}");
                    sent++;
                }
                JsonObject ack = Json.createReader(new StringReader(sender.nextText(Duration.ofSeconds(10)))).readObject();
                assertEquals("ack", ack.getString("type"), "answer to message " + ids.size() + ": " + ack);
                assertEquals("s" + ids.size(), ack.getString("ref"));
                assertEquals("stored", ack.getString("status"), to + " is offline");
                ids.add(ack.getString("id"));
            }
        }
        return ids;
    }
}
