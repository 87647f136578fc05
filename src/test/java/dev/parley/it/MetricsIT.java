package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Each metric of /metrics moves when its event happens. */
public class MetricsIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }


    /** Metrics of closes are updated by the container's close callback, a moment after the client sees it. */
    private void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + "\n" + Scrape.of(base).text());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void connectionsRoomsAndUsersAreGauges() throws InterruptedException {
        Scrape before = Scrape.of(base);
        try (WsClient room = WsClient.connect(base, "ws/room/gauges?name=alice");
             WsClient user = WsClient.connect(base, "ws/user/gauge-user")) {
            room.next("welcome");
            user.next("welcome");
            Scrape during = Scrape.of(base);
            assertEquals(before.sum("parley_connections", "endpoint=\"room\"") + 1,
                    during.sum("parley_connections", "endpoint=\"room\""));
            assertEquals(before.sum("parley_connections", "endpoint=\"user\"") + 1,
                    during.sum("parley_connections", "endpoint=\"user\""));
            assertEquals(before.sum("parley_rooms_active") + 1, during.sum("parley_rooms_active"));
            assertEquals(before.sum("parley_users_online") + 1, during.sum("parley_users_online"));
            assertEquals(before.sum("parley_broker_rooms") + 1, during.sum("parley_broker_rooms"));
            assertEquals(before.sum("parley_broker_users") + 1, during.sum("parley_broker_users"));
        }
        eventually(() -> Scrape.of(base).sum("parley_connections", "endpoint=\"room\"")
                == before.sum("parley_connections", "endpoint=\"room\""), "room connections back to before");
        Scrape after = Scrape.of(base);
        assertEquals(before.sum("parley_rooms_active"), after.sum("parley_rooms_active"));
        eventually(() -> Scrape.of(base).sum("parley_broker_users") == before.sum("parley_broker_users"),
                "a user gone with no message is not held");
        eventually(() -> Scrape.of(base).sum("parley_broker_rooms") == before.sum("parley_broker_rooms"),
                "a room left with no message is not held");
        assertTrue(after.sum("parley_closes_total", "code=\"1000\"") >= before.sum("parley_closes_total", "code=\"1000\"") + 2);
    }

    @Test
    void framesInAndOutAreCountedByType() {
        Scrape before = Scrape.of(base);
        try (WsClient alice = WsClient.connect(base, "ws/room/frames?name=alice")) {
            alice.next("welcome");
            alice.send("{\"text\":\"hi\"}");
            alice.next("message");
            alice.send("{\"type\":\"ping\"}");
            alice.next("pong");
            alice.send("not json");
            alice.next("error");
        }
        Scrape after = Scrape.of(base);
        for (String type : new String[] {"message", "ping", "invalid"}) {
            assertEquals(before.sum("parley_frames_in_total", "type=\"" + type + "\"") + 1,
                    after.sum("parley_frames_in_total", "type=\"" + type + "\""), type);
        }
        for (String type : new String[] {"welcome", "message", "pong", "error"}) {
            assertEquals(before.sum("parley_frames_out_total", "type=\"" + type + "\"") + 1,
                    after.sum("parley_frames_out_total", "type=\"" + type + "\""), type);
        }
        assertEquals(before.sum("parley_errors_total", "code=\"bad_json\"") + 1,
                after.sum("parley_errors_total", "code=\"bad_json\""));
        assertEquals(before.sum("parley_delivery_latency_seconds_count") + 1,
                after.sum("parley_delivery_latency_seconds_count"), "one message delivered, one latency recorded");
        assertTrue(after.has("parley_delivery_latency_seconds_bucket"), "latency is a histogram");
    }

    @Test
    void directMessagesStoredDeliveredAndWaitingAreCounted() {
        Scrape before = Scrape.of(base);
        try (WsClient alice = WsClient.connect(base, "ws/user/metrics-alice")) {
            alice.next("welcome");
            alice.send("{\"to\":\"metrics-bob\",\"text\":\"later\"}");
            alice.next("ack");
            Scrape stored = Scrape.of(base);
            assertEquals(before.sum("parley_direct_messages_total", "status=\"stored\"") + 1,
                    stored.sum("parley_direct_messages_total", "status=\"stored\""));
            assertEquals(before.sum("parley_inbox_undelivered") + 1, stored.sum("parley_inbox_undelivered"));
            try (WsClient bob = WsClient.connect(base, "ws/user/metrics-bob")) {
                bob.next("welcome");
                bob.next("message");
                alice.send("{\"to\":\"metrics-bob\",\"text\":\"now\"}");
                alice.next("ack");
                bob.next("message");
                Scrape.awaitNothingPending(base);
            }
        }
        Scrape after = Scrape.of(base);
        assertEquals(before.sum("parley_direct_messages_total", "status=\"delivered\"") + 1,
                after.sum("parley_direct_messages_total", "status=\"delivered\""));
        assertEquals(before.sum("parley_inbox_undelivered"), after.sum("parley_inbox_undelivered"));
    }

    @Test
    void closeCodesAreCounted() throws InterruptedException {
        double before = Scrape.of(base).sum("parley_closes_total", "code=\"4400\"");
        try (WsClient bad = WsClient.connect(base, "ws/room/not valid")) {
            assertEquals(4400, bad.awaitClose().getCloseCode().getCode());
        }
        eventually(() -> Scrape.of(base).sum("parley_closes_total", "code=\"4400\"") == before + 1, "a 4400 counted");
    }

    @Test
    void jvmThreadAndProcessMetricsAreThere() {
        Scrape scrape = Scrape.of(base);
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jvm_gc_live_data_size_bytes", "process_uptime_seconds", "parley_outbox_queued",
                "parley_outbox_overflows_total", "parley_direct_expired_total"}) {
            assertTrue(scrape.has(name), name + " missing from\n" + scrape.text());
        }
    }

    @Test
    void closeCodesAClientChoosesAreCountedAsOther() throws InterruptedException {
        double before = Scrape.of(base).sum("parley_closes_total", "code=\"other\"");
        for (int code : new int[] {4999, 4321, 3777}) {
            try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"))) {
                assertEquals(101, ws.status());
                ws.sendClose(code, "chosen by the client");
                ws.awaitClose();
            }
        }
        eventually(() -> Scrape.of(base).sum("parley_closes_total", "code=\"other\"") >= before + 3,
                "three closes counted as other");
        String scraped = Scrape.of(base).text();
        assertFalse(scraped.contains("code=\"4999\"") || scraped.contains("code=\"4321\"")
                || scraped.contains("code=\"3777\""), scraped);
    }
}
