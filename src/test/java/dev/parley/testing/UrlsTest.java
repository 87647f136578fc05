package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.Test;

class UrlsTest {

    private static URL url(String s) throws MalformedURLException {
        return URI.create(s).toURL();
    }

    @Test
    void turnsAnArquillianBaseIntoAWebSocketUri() throws MalformedURLException {
        assertEquals(URI.create("ws://localhost:41234/parley/ws/echo"),
                Urls.ws(url("http://localhost:41234/parley/"), "ws/echo"));
        assertEquals(URI.create("ws://localhost:41234/parley/ws/echo"),
                Urls.ws(url("http://localhost:41234/parley"), "/ws/echo"));
        assertEquals(URI.create("wss://example.test/ws/echo"),
                Urls.ws(url("https://example.test/"), "ws/echo"));
    }

    @Test
    void percentEncodesPathSegmentsAndQueryAsUtf8() throws MalformedURLException {
        URI uri = Urls.ws(url("http://localhost:8080/"), "ws/room/李雷?name=bob smith&since=r-1");
        assertEquals("ws://localhost:8080/ws/room/%E6%9D%8E%E9%9B%B7?name=bob%20smith&since=r-1", uri.toString());
        assertEquals("/ws/room/李雷", uri.getPath());
        assertEquals("/ws/room/%3Cb%3E", Urls.ws(url("http://localhost:8080/"), "ws/room/<b>").getRawPath());
        assertEquals("a%2Fb%3Fc%20d~e", Urls.encode("a/b?c d~e"));
    }

    @Test
    void escapesThePathOnceMoreForTyrus() {
        URI uri = URI.create("ws://localhost:8080/ws/user/%E6%9D%8E%20x?name=%E6%9D%8E");
        URI forTyrus = WsClient.forTyrus(uri);
        assertEquals("/ws/user/%E6%9D%8E%20x", forTyrus.getPath());
        assertEquals("name=%E6%9D%8E", forTyrus.getRawQuery());
        assertEquals(URI.create("ws://localhost:8080/ws/echo"), WsClient.forTyrus(URI.create("ws://localhost:8080/ws/echo")));
    }

    @Test
    void keepsHttpForPlainRequests() throws MalformedURLException {
        assertEquals(URI.create("http://localhost:8080/parley/health"),
                Urls.http(url("http://localhost:8080/parley/"), "health"));
    }
}
