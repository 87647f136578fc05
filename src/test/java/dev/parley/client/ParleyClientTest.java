package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParleyClientTest {
    private final ParleyClient parley = ParleyClient.at(URI.create("http://localhost:8080/"));

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> parley.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> parley.withTimeout(Duration.ofSeconds(-1)));
    }

    @Test
    void aCloseCodeAClientMayNotSendIsRefusedBeforeAnythingIsSent() {
        RoomConnection unconnected = new RoomConnection(null);
        assertThrows(IllegalArgumentException.class, () -> unconnected.close(1001, ""));
        assertThrows(IllegalArgumentException.class, () -> unconnected.close(2999, ""));
        assertThrows(IllegalArgumentException.class, () -> unconnected.close(5000, ""));
        assertThrows(IllegalArgumentException.class, () -> unconnected.close(1000, "x".repeat(124)));
    }

    @Test
    void namesAndTextsAreRequired() {
        assertThrows(NullPointerException.class, () -> parley.room(null, "alice", null));
        assertThrows(NullPointerException.class, () -> parley.user(null, null));
        assertThrows(NullPointerException.class, () -> new RoomConnection(null).send(null));
        assertThrows(NullPointerException.class, () -> new UserConnection(null).send("bob", null));
    }
}
