package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** A direct message goes to every open connection of its receiver, and the sender gets a delivered ack. */
public class DirectMessageIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings());
    }

    @Test
    void anOnlineReceiverGetsTheMessageAndTheSenderADeliveredAck() {
        try (WsClient alice = WsClient.connect(base, "ws/user/alice");
             WsClient bob = WsClient.connect(base, "ws/user/bob")) {
            JsonObject welcome = alice.next();
            assertEquals("welcome", welcome.getString("type"));
            assertEquals("alice", welcome.getString("user"));
            assertEquals(0, welcome.getInt("pending"));
            assertFalse(welcome.containsKey("recovered"));
            bob.next("welcome");

            alice.send("{\"type\":\"message\",\"to\":\"bob\",\"text\":\"hi bob\",\"ref\":\"c1\",\"from\":\"mallory\"}");
            JsonObject ack = alice.next();
            assertEquals("ack", ack.getString("type"));
            assertEquals("c1", ack.getString("ref"));
            assertEquals("delivered", ack.getString("status"));

            JsonObject m = bob.next();
            assertEquals("message", m.getString("type"));
            assertEquals("alice", m.getString("from"), "from is the path's user, never the client's field");
            assertEquals("bob", m.getString("to"));
            assertEquals("hi bob", m.getString("text"));
            assertEquals(ack.getString("id"), m.getString("id"));
            assertTrue(m.containsKey("ts"));
            assertFalse(m.containsKey("ref"));
            assertFalse(m.containsKey("room"));
        }
    }

    @Test
    void everyConnectionOfTheReceiverGetsIt() {
        try (WsClient alice = WsClient.connect(base, "ws/user/carol");
             WsClient phone = WsClient.connect(base, "ws/user/dave");
             WsClient laptop = WsClient.connect(base, "ws/user/dave")) {
            alice.next("welcome");
            phone.next("welcome");
            laptop.next("welcome");
            alice.send("{\"to\":\"dave\",\"text\":\"to all your devices\"}");
            assertEquals("delivered", alice.next("ack").getString("status"));
            String id = phone.next("message").getString("id");
            assertEquals(id, laptop.next("message").getString("id"));
            alice.expectNoFrame(Duration.ofMillis(200));
        }
    }

    @Test
    void aUserMayWriteToItself() {
        try (WsClient erin = WsClient.connect(base, "ws/user/erin")) {
            erin.next("welcome");
            erin.send("{\"to\":\"erin\",\"text\":\"note to self\",\"ref\":\"n\"}");
            JsonObject first = erin.next();
            JsonObject second = erin.next();
            String types = first.getString("type") + "," + second.getString("type");
            assertTrue(types.equals("message,ack") || types.equals("ack,message"), types);
        }
    }

    @Test
    void manySendersToOneUserLoseNothing() throws Exception {
        int senders = 6;
        int each = 50;
        try (WsClient frank = WsClient.connect(base, "ws/user/frank")) {
            frank.next("welcome");
            Thread[] threads = new Thread[senders];
            WsClient[] clients = new WsClient[senders];
            for (int s = 0; s < senders; s++) {
                clients[s] = WsClient.connect(base, "ws/user/sender" + s);
                clients[s].next("welcome");
                WsClient c = clients[s];
                threads[s] = new Thread(() -> {
                    for (int n = 0; n < each; n++) {
                        c.send("{\"to\":\"frank\",\"text\":\"" + n + "\"}");
                    }
                });
                threads[s].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (int i = 0; i < senders * each; i++) {
                ids.add(frank.next("message", Duration.ofSeconds(20)).getString("id"));
            }
            assertEquals(senders * each, ids.size());
            for (WsClient c : clients) {
                for (int n = 0; n < each; n++) {
                    assertEquals("delivered", c.next("ack").getString("status"));
                }
                c.close();
            }
        }
    }
}
