package dev.parley.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A deliberate close writes what is already queued first; a held outbox closes at once. */
class OutboxCloseTest {
    private static final Outbox.Limits ROOMY = new Outbox.Limits(100, 1 << 20);

    private static Encoded frame(String text) {
        return Encoded.raw(text, "test");
    }

    @Test
    void queuedFramesAreWrittenBeforeTheClose() {
        TestTransport transport = TestTransport.holding();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        outbox.offer(frame("a"));
        outbox.offer(frame("b"));
        outbox.closeAfterPending(4429, "bye");
        assertFalse(outbox.offer(frame("c")), "nothing new is taken once closing");
        assertEquals(List.of(), transport.closeCodes(), "a is still being written");
        assertTrue(transport.completeNext());
        assertTrue(transport.completeNext());
        assertEquals(List.of("a", "b"), transport.sent());
        assertEquals(List.of(4429), transport.closeCodes());
        assertEquals(List.of("closeWhenRead"), transport.closeKinds(), "the client may need to read up first");
    }

    @Test
    void anIdleOutboxClosesAtOnceAndOnlyOnce() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, false);
        outbox.closeAfterPending(1001, "going");
        outbox.closeAfterPending(1001, "going");
        assertEquals(List.of(1001), transport.closeCodes());
    }

    @Test
    void aHeldOutboxClosesAtOnceWithoutWritingItsQueue() {
        TestTransport transport = TestTransport.inline();
        Outbox outbox = new Outbox(transport, ROOMY, true);
        outbox.offer(new Encoded("live", 4, 7, "message", null));
        outbox.closeAfterPending(4400, "invalid name");
        assertEquals(List.of(), transport.sent());
        assertEquals(List.of(4400), transport.closeCodes());
        assertEquals(List.of("closeOpening"), transport.closeKinds(), "nothing to read first");
    }
}
