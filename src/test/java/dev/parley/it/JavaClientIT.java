package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.Ack;
import dev.parley.client.ConnectionEndedException;
import dev.parley.client.ErrorReplyException;
import dev.parley.client.Message;
import dev.parley.client.ParleyClient;
import dev.parley.client.Presence;
import dev.parley.client.RoomConnection;
import dev.parley.client.UserConnection;
import dev.parley.client.Welcome;
import dev.parley.testing.Deployments;
import dev.parley.testing.WsClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java client (dev.parley.client) against the deployed WAR: rooms, direct messages, refusals, resume. */
public class JavaClientIT extends ParleyIT {
    /** Frames up to 8 KiB, so a text over the 4000 code point limit still fits in one and a 10,000-char one does not. */
    private static final int FRAME_MAX = 8192;

    private ParleyClient parley;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Map.of("parley.frame.max", String.valueOf(FRAME_MAX)));
    }

    @BeforeEach
    void client() throws URISyntaxException {
        parley = ParleyClient.at(base.toURI()).withTimeout(WsClient.WAIT);
    }

    private static <T> T get(CompletableFuture<T> future) {
        try {
            return future.get(WsClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class,
                () -> future.get(WsClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)).getCause();
    }

    @Test
    void twoMembersSeeEachOthersMessagesAndTheSendersFutureHasTheId() {
        Heard aliceHeard = new Heard();
        Heard bobHeard = new Heard();
        try (RoomConnection alice = get(parley.room("java-lobby", "alice", aliceHeard));
             RoomConnection bob = get(parley.room("java-lobby", "bob", bobHeard))) {
            assertEquals(List.of("alice"), aliceHeard.welcome().members());
            assertEquals(List.of("alice", "bob"), bob.welcome().members().stream().sorted().toList());
            Presence joined = aliceHeard.presence();
            assertTrue(joined.joined());
            assertEquals("bob", joined.user());

            Message sent = get(alice.send("hi bob"));
            assertNotNull(sent.id());
            assertNotNull(sent.ref(), "the sender's copy carries its ref");
            assertEquals("alice", sent.from());
            assertEquals(sent, aliceHeard.message(), "the sender's listener gets its copy too");
            Message received = bobHeard.message();
            assertEquals(sent.id(), received.id());
            assertEquals("hi bob", received.text());
            assertNull(received.ref(), "a ref is only in the sender's copy");

            Message answer = get(bob.send("hi alice"));
            assertEquals(answer.id(), aliceHeard.message().id());
            assertEquals(answer.id(), bob.lastId());

            get(bob.close(4000, "done"));
            assertEquals(4000, bobHeard.close());
            Presence left = aliceHeard.presence();
            assertFalse(left.joined());
            assertEquals("bob", left.user());
            assertFalse(bob.isOpen());
            assertTrue(alice.isOpen());
        }
    }

    @Test
    void aDirectMessageToAnOfflineUserIsStoredAndArrivesAsPending() {
        Ack ack;
        try (UserConnection carol = get(parley.user("carol", new Heard()))) {
            ack = get(carol.send("dave", "are you there?"));
            assertTrue(ack.stored(), "dave is offline: " + ack);
            assertNotNull(ack.id());
        }
        Heard daveHeard = new Heard();
        try (UserConnection dave = get(parley.user("dave", daveHeard))) {
            Welcome welcome = daveHeard.welcome();
            assertEquals(1, welcome.pending());
            assertNull(welcome.recovered(), "not resuming");
            Message pending = daveHeard.message();
            assertEquals(ack.id(), pending.id());
            assertEquals("carol", pending.from());
            assertEquals("are you there?", pending.text());

            try (UserConnection carol = get(parley.user("carol", new Heard()))) {
                Ack live = get(carol.send("dave", "now you are"));
                assertTrue(live.delivered(), "dave is online: " + live);
                assertEquals(live.id(), daveHeard.message().id());
                assertEquals(live.id(), dave.lastId());
            }
            Scrape.awaitNothingPending(base);
        }
    }

    @Test
    void refusedFramesFailTheirFutureWithTheServersCodeAndTheConnectionStaysOpen() {
        Heard heard = new Heard();
        try (RoomConnection erin = get(parley.room("java-refusals", "erin", heard));
             UserConnection frank = get(parley.user("frank", new Heard()))) {
            ErrorReplyException tooLong = assertInstanceOf(ErrorReplyException.class,
                    failure(erin.send("x".repeat(4001))));
            assertEquals("too_long", tooLong.code());
            assertEquals("empty", assertInstanceOf(ErrorReplyException.class, failure(erin.send("  \n"))).code());
            assertEquals("bad_request",
                    assertInstanceOf(ErrorReplyException.class, failure(frank.send("x".repeat(256), "hi"))).code(), "a user id is at most 255 characters");

            assertEquals("still here", get(erin.send("still here")).text());
            assertNotNull(get(erin.ping()));
            assertTrue(heard.noErrors(), "errors answered to a send do not reach the listener");
        }
    }

    @Test
    void anInvalidNameFailsTheConnectWith4400() {
        Heard heard = new Heard();
        ConnectionEndedException refused = assertInstanceOf(ConnectionEndedException.class,
                failure(parley.room("a b", "gina", heard)));
        assertEquals(4400, refused.closeCode());
        assertEquals(4400, heard.close());
    }

    @Test
    void resumeGetsOnlyWhatWasMissed() throws InterruptedException {
        Heard henryHeard = new Heard();
        try (RoomConnection ivy = get(parley.room("java-resume", "ivy", new Heard()));
             RoomConnection henry = get(parley.room("java-resume", "henry", henryHeard))) {
            Message before = get(ivy.send("before"));
            assertEquals(before.id(), henryHeard.message().id());
            get(henry.close(1000, ""));

            Message missed1 = get(ivy.send("missed 1"));
            Message missed2 = get(ivy.send("missed 2"));

            Welcome resumed = get(henry.resume());
            assertEquals(Boolean.TRUE, resumed.recovered());
            assertEquals(List.of(missed1.id(), missed2.id()), resumed.history().stream().map(Message::id).toList());
            henryHeard.welcome();
            assertEquals(missed1.id(), henryHeard.message().id());
            assertEquals(missed2.id(), henryHeard.message().id());
            henryHeard.noMessage(Duration.ofMillis(300));

            Message after = get(ivy.send("after"));
            assertEquals(after.id(), henryHeard.message().id());
        }
    }

    @Test
    void aNewClientResumesWithSince() throws InterruptedException {
        try (RoomConnection jack = get(parley.room("java-since", "jack", new Heard()))) {
            Message first = get(jack.send("first"));
            Message second = get(jack.send("second"));
            Heard heard = new Heard();
            try (RoomConnection kate = get(parley.room("java-since", "kate", first.id(), heard))) {
                assertEquals(Boolean.TRUE, kate.welcome().recovered());
                assertEquals(List.of(second.id()), kate.welcome().history().stream().map(Message::id).toList());
                assertEquals(second.id(), heard.message().id());
                heard.noMessage(Duration.ofMillis(300));
            }
        }
    }

    @Test
    void withReconnectOnADroppedConnectionComesBackAndMissesNothing() {
        Heard heard = new Heard();
        ParleyClient reconnecting = parley.withReconnect(true);
        try (RoomConnection lena = get(parley.room("java-reconnect", "lena", new Heard()));
             RoomConnection mia = get(reconnecting.room("java-reconnect", "mia", heard))) {
            heard.welcome();
            Message seen = get(lena.send("seen"));
            assertEquals(seen.id(), heard.message().id());

            // a frame over parley.frame.max: the server closes the connection (1009)
            Throwable lost = failure(mia.send("y".repeat(FRAME_MAX + 1000)));
            assertTrue(lost instanceof ConnectionEndedException || lost instanceof IOException, lost::toString);
            heard.drop();
            Message meanwhile = get(lena.send("meanwhile"));

            Welcome again = heard.welcome();
            assertEquals(Boolean.TRUE, again.recovered(), "it resumed after " + seen.id());
            assertEquals(meanwhile.id(), heard.message().id());
            Message later = get(lena.send("later"));
            assertEquals(later.id(), heard.message().id(), "each message once, whether resumed or live");
            assertTrue(mia.isOpen());
            assertEquals("back", get(mia.send("back")).text());
        }
    }
}
