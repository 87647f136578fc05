package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HandshakeContextTest {

    @Test
    void theAddressIsKnownOnTheHandshakesThreadUntilItEnds() {
        HandshakeContext.begin("10.0.0.7");
        try {
            assertEquals("10.0.0.7", HandshakeContext.address());
        } finally {
            HandshakeContext.end();
        }
        assertNull(HandshakeContext.address(), "nothing is left on the thread");
    }
}
