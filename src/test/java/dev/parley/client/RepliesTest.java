package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RepliesTest {
    private final Replies replies = new Replies(Duration.ofSeconds(30));

    private static Throwable failure(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, future::get).getCause();
    }

    @Test
    void refsAreFreshAndShort() {
        String first = replies.nextRef();
        assertNotEquals(first, replies.nextRef());
        assertTrue(first.length() <= 64);
    }

    @Test
    void theSendersCopyOfARoomMessageAnswersItsRef() throws Exception {
        CompletableFuture<Message> sent = replies.expect("j1", Message.class);
        Message copy = new Message("m-9", "lobby", "alice", null, "hi", null, "t", "j1");
        assertTrue(replies.answer(copy));
        assertSame(copy, sent.get());
        assertEquals(0, replies.size());
    }

    @Test
    void anAckAnswersOnlyItsOwnRef() throws Exception {
        CompletableFuture<Ack> first = replies.expect("j1", Ack.class);
        CompletableFuture<Ack> second = replies.expect("j2", Ack.class);
        assertTrue(replies.answer(new Ack("j2", "u-2", "stored")));
        assertFalse(first.isDone());
        assertEquals("u-2", second.get().id());
    }

    @Test
    void anErrorWithTheRefFailsTheSendWithItsCode() {
        CompletableFuture<Ack> sent = replies.expect("j1", Ack.class);
        assertTrue(replies.answer(new ServerError("too_long", "text is over 4000 code points", "j1")));
        ErrorReplyException refused = assertInstanceOf(ErrorReplyException.class, failure(sent));
        assertEquals("too_long", refused.code());
        assertEquals(0, replies.size());
    }

    @Test
    void framesNothingWaitsForAreNotAnswers() {
        replies.expect("j1", Message.class);
        assertFalse(replies.answer(new ServerError("bad_json", "x", null)));
        assertFalse(replies.answer(new ServerError("bad_json", "x", "other")));
        assertFalse(replies.answer(new Message("m-1", "lobby", "bob", null, "hi", null, "t", null)));
        assertEquals(1, replies.size());
    }

    @Test
    void anAnswerOfAnotherTypeLeavesTheSendWaiting() {
        CompletableFuture<Message> sent = replies.expect("j1", Message.class);
        assertFalse(replies.answer(new Pong("j1")));
        assertFalse(sent.isDone());
    }

    @Test
    void aSendNobodyAnswersTimesOut() {
        Replies quick = new Replies(Duration.ofMillis(50));
        CompletableFuture<Pong> ping = quick.expect("j1", Pong.class);
        assertInstanceOf(TimeoutException.class, failure(ping));
        assertEquals(0, quick.size());
        assertFalse(quick.answer(new Pong("j1")), "a late answer finds nothing waiting");
    }

    @Test
    void anEndedConnectionFailsEverySend() {
        CompletableFuture<Ack> one = replies.expect("j1", Ack.class);
        CompletableFuture<Message> two = replies.expect("j2", Message.class);
        replies.failAll(new ConnectionEndedException(1006, "dropped"));
        assertEquals(1006, assertInstanceOf(ConnectionEndedException.class, failure(one)).closeCode());
        assertInstanceOf(ConnectionEndedException.class, failure(two));
        assertEquals(0, replies.size());
    }
}
