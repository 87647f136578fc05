package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A member joining a room that is busy gets its welcome before any live message, however the live messages
 * and the join interleave.
 */
public class WelcomeComesFirstIT extends ParleyIT {
    private static final int JOINS = 400;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings("parley.connections.per.address", "100000"));
    }

    @Test
    void everyJoinerReadsItsWelcomeFirstWhileTheRoomIsBusy() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<String> wrong = new ArrayList<>();
        try (WsClient talker = WsClient.connect(base, "ws/room/busy?name=talker")) {
            talker.next("welcome");
            Thread flood = new Thread(() -> {
                for (int i = 0; i < 200_000 && !stop.get(); i++) {
                    talker.send("{\"text\":\"busy " + i + "\"}");
                    if (i % 2 == 1) {
                        drain(talker);
                        pause();
                    }
                }
            }, "flood");
            flood.start();
            try {
                for (int i = 0; i < JOINS; i++) {
                    try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/room/busy?name=j" + (i % 20)))) {
                        assertEquals(101, ws.status());
                        Hostile.Answer first = Hostile.answer(ws, WsClient.WAIT);
                        if (!first.isText() || !first.text().startsWith("{\"type\":\"welcome\"")) {
                            wrong.add("join " + i + ": " + first);
                        }
                    }
                }
            } finally {
                stop.set(true);
                flood.join(10_000);
            }
        }
        assertEquals(List.of(), wrong, "joins whose first frame was not the welcome");
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WsClient talker) {
        while (talker.pollText() != null) {
            // the talker reads what it gets, so its own outbox never fills
        }
    }
}
