package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeContextTest {

    @Test
    void aCloseDuringTheHandshakeWaitsUntilItsResponseHasGoneOut() {
        List<String> done = new ArrayList<>();
        HandshakeContext.begin("10.0.0.7");
        try {
            assertEquals("10.0.0.7", HandshakeContext.address());
            HandshakeContext.afterResponse(() -> done.add("close"));
            assertEquals(List.of(), done, "the 101 response has not been flushed yet");
        } finally {
            HandshakeContext.end();
        }
        assertEquals(List.of("close"), done);
        assertNull(HandshakeContext.address(), "nothing is left on the thread");
    }

    @Test
    void outsideAHandshakeItHappensAtOnce() {
        List<String> done = new ArrayList<>();
        HandshakeContext.afterResponse(() -> done.add("close"));
        assertEquals(List.of("close"), done);
    }
}
