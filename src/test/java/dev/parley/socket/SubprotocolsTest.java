package dev.parley.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubprotocolsTest {

    @Test
    void readsTheTokenFromTheOfferedSubprotocolsWhateverTheHeadersCase() {
        List<String> offered = Subprotocols.offered(Map.of("sec-websocket-protocol", List.of("parley.v1, token.a.b.c")));
        assertEquals(List.of("parley.v1", "token.a.b.c"), offered);
        assertEquals("a.b.c", Subprotocols.token(offered));
    }

    @Test
    void takesTheHeaderGivenTwice() {
        List<String> offered = Subprotocols.offered(Map.of("Sec-WebSocket-Protocol", List.of("parley.v1", "token.x.y.z")));
        assertEquals("x.y.z", Subprotocols.token(offered));
    }

    @Test
    void noTokenWithoutOneOrWithAnEmptyOne() {
        assertNull(Subprotocols.token(Subprotocols.offered(Map.of("Host", List.of("example.com")))));
        assertNull(Subprotocols.token(List.of("parley.v1", "token.")));
    }

    @Test
    void answersParleyOnlyNeverTheToken() {
        assertEquals("parley.v1", Subprotocols.negotiated(List.of("token.a.b.c", "parley.v1")));
        assertEquals("", Subprotocols.negotiated(List.of("token.a.b.c")));
        assertEquals("", Subprotocols.negotiated(List.of()));
    }
}
