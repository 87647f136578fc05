package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Many members sending at once: every member sees every message, all in one and the same order. */
public class RoomOrderIT extends ParleyIT {
    private static final int MEMBERS = 8;
    private static final int SENDERS = 4;
    private static final int EACH = 100;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings());
    }

    @Test
    void allMembersSeeTheSameSequenceOfIds() throws Exception {
        List<WsClient> members = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(MEMBERS);
        try {
            for (int i = 0; i < MEMBERS; i++) {
                members.add(WsClient.connect(base, "ws/room/order?name=m" + i));
                members.get(i).next("welcome");
            }
            List<Future<?>> sends = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                WsClient sender = members.get(s);
                int id = s;
                sends.add(pool.submit(() -> {
                    for (int n = 0; n < EACH; n++) {
                        sender.send("{\"text\":\"" + id + ":" + n + "\"}");
                    }
                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
            List<Future<List<JsonObject>>> received = new ArrayList<>();
            for (WsClient member : members) {
                received.add(pool.submit(() -> {
                    List<JsonObject> messages = new ArrayList<>();
                    while (messages.size() < SENDERS * EACH) {
                        messages.add(member.next("message", Duration.ofSeconds(20)));
                    }
                    return messages;
                }));
            }
            List<String> reference = null;
            for (Future<List<JsonObject>> f : received) {
                List<JsonObject> messages = f.get();
                List<String> ids = messages.stream().map(m -> m.getString("id")).toList();
                if (reference == null) {
                    reference = ids;
                    assertEachSendersOrderKept(messages);
                }
                assertEquals(reference, ids, "every member sees one order");
            }
            assertEquals(SENDERS * EACH, reference.stream().distinct().count());
        } finally {
            pool.shutdownNow();
            members.forEach(WsClient::close);
        }
    }

    private static void assertEachSendersOrderKept(List<JsonObject> messages) {
        Map<String, Integer> next = new LinkedHashMap<>();
        for (JsonObject m : messages) {
            String[] parts = m.getString("text").split(":");
            int expected = next.getOrDefault(parts[0], 0);
            assertEquals(expected, Integer.parseInt(parts[1]), "sender " + parts[0] + " in order");
            next.put(parts[0], expected + 1);
        }
    }
}
