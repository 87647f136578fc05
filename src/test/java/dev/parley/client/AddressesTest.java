package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void httpBecomesWsAndHttpsWss() {
        assertEquals(URI.create("ws://localhost:8080/ws/room/lobby"),
                new Addresses(URI.create("http://localhost:8080")).room("lobby", null, null));
        assertEquals(URI.create("wss://chat.example.com/parley/ws/user/bob"),
                new Addresses(URI.create("https://chat.example.com/parley")).user("bob", null));
        assertEquals(URI.create("ws://h:1/parley/ws/user/bob"),
                new Addresses(URI.create("ws://h:1/parley/")).user("bob", null));
    }

    @Test
    void namesAndQueryValuesAreEncoded() {
        Addresses parley = new Addresses(URI.create("http://h/"));
        assertEquals("ws://h/ws/room/%E6%9D%8E%E9%9B%B7?name=bob%20smith&since=m-1",
                parley.room("李雷", "bob smith", "m-1").toString());
        assertEquals("ws://h/ws/user/a%2Fb?since=m%2B1", parley.user("a/b", "m+1").toString());
    }

    @Test
    void anAddressThatIsNoServerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Addresses(URI.create("ftp://h/")));
        assertThrows(IllegalArgumentException.class, () -> new Addresses(URI.create("localhost:8080")));
        assertThrows(IllegalArgumentException.class, () -> new Addresses(URI.create("/parley/")));
        assertThrows(IllegalArgumentException.class, () -> new Addresses(URI.create("http:///x")));
    }
}
