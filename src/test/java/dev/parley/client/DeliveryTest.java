package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    private final List<String> heard = new ArrayList<>();
    private final Replies replies = new Replies(Duration.ofSeconds(30));
    private final Delivery delivery = new Delivery(new ParleyListener() {
        @Override
        public void onWelcome(Welcome welcome) {
            heard.add("welcome");
        }

        @Override
        public void onMessage(Message message) {
            heard.add(message.id());
        }

        @Override
        public void onPresence(Presence presence) {
            heard.add((presence.joined() ? "join " : "leave ") + presence.user());
        }

        @Override
        public void onError(ServerError error) {
            heard.add("error " + error.code());
        }
    }, replies, new SeenIds(100, null));

    private static Message message(String id, String ref) {
        return new Message(id, "lobby", "alice", null, "hi", null, "t", ref);
    }

    private static Welcome welcome(Message... history) {
        return new Welcome("lobby", "alice", List.of("alice"), 1, 0, List.of(history), null);
    }

    @Test
    void aWelcomesHistoryComesAsMessagesAfterIt() {
        delivery.frame(welcome(message("m-1", null), message("m-2", null)));
        delivery.frame(message("m-3", null));
        assertEquals(List.of("welcome", "m-1", "m-2", "m-3"), heard);
    }

    @Test
    void aResumedHistoryRepeatsNoMessage() {
        delivery.frame(welcome(message("m-1", null)));
        delivery.frame(message("m-2", null));
        delivery.frame(welcome(message("m-2", null), message("m-3", null)));
        assertEquals(List.of("welcome", "m-1", "m-2", "welcome", "m-3"), heard);
    }

    @Test
    void theSendersCopyIsBothAMessageAndTheAnswer() {
        CompletableFuture<Message> sent = replies.expect("j1", Message.class);
        delivery.frame(message("m-1", "j1"));
        assertEquals("m-1", sent.join().id());
        assertEquals(List.of("m-1"), heard);
    }

    @Test
    void onlyErrorsNoSendWaitsForReachTheListener() {
        CompletableFuture<Ack> sent = replies.expect("j1", Ack.class);
        delivery.frame(new ServerError("too_long", "x", "j1"));
        delivery.frame(new ServerError("bad_json", "x", null));
        assertTrue(sent.isCompletedExceptionally());
        assertEquals(List.of("error bad_json"), heard);
    }

    @Test
    void presenceGoesToTheListenerAndOtherFramesAreLeftOut() {
        delivery.frame(new Presence(true, "lobby", "bob", "t"));
        delivery.frame(new OtherFrame("stats"));
        delivery.frame(new Presence(false, "lobby", "bob", "t"));
        assertEquals(List.of("join bob", "leave bob"), heard);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheFramesAfterIt() {
        List<String> ids = new ArrayList<>();
        Delivery throwing = new Delivery(new ParleyListener() {
            @Override
            public void onMessage(Message message) {
                ids.add(message.id());
                throw new IllegalStateException("a listener failed (expected by this test)");
            }
        }, replies, new SeenIds(100, null));
        throwing.frame(message("m-1", null));
        throwing.frame(message("m-2", null));
        assertEquals(List.of("m-1", "m-2"), ids);
    }
}
