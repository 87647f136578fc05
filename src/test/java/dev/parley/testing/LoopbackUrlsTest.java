package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.Test;

class LoopbackUrlsTest {

    private static URL url(String s) throws MalformedURLException {
        return URI.create(s).toURL();
    }

    @Test
    void pointsANetworkAddressAtLocalhost() throws MalformedURLException {
        // compared as text: URL.equals would resolve the host names
        assertEquals("http://localhost:8123/parley/", LoopbackUrls.toLoopback(url("http://10.1.2.3:8123/parley/")).toString());
        assertEquals("http://localhost:8123/parley/", LoopbackUrls.toLoopback(url("http://build-host:8123/parley/")).toString());
    }

    @Test
    void keepsALoopbackHost() throws MalformedURLException {
        for (String s : new String[] {"http://localhost:1/a/", "http://127.0.0.1:1/a/", "http://[::1]:1/a/"}) {
            assertEquals(s, LoopbackUrls.toLoopback(url(s)).toString());
        }
    }
}
