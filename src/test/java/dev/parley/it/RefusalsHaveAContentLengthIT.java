package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testing.Deployments;
import dev.parley.testing.Urls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP refusals of {@code /ws/...} (426 to a plain GET, 403 to a browser handshake from a foreign
 * origin) are complete responses a client is done with at once: a Content-Length that matches the
 * one-line body, or, where the container will not send one (Payara sends none on a response with an
 * {@code Upgrade} header, which a 426 must carry), the server closing the connection right after the
 * body. Either way a script reads the reason and does not wait for its time-out.
 */
public class RefusalsHaveAContentLengthIT extends ParleyIT {
    private static final int READ_TIMEOUT_MILLIS = 5000;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/lobby", "ws/user/alice", "ws/echo", "ws/monitor"})
    void upgradeRequiredHasAReasonAndALength(String path) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "keep-alive");
        Response response = request(path, headers);
        assertEquals(426, response.status, () -> "GET " + path + ": " + response.statusLine);
        assertTrue(response.body.toLowerCase(Locale.ROOT).contains("websocket"), () -> "GET " + path + ": " + response.body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws/room/lobby?name=a", "ws/user/alice", "ws/echo", "ws/monitor"})
    void aForeignOriginsRefusalHasALength(String path) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Connection", "keep-alive, Upgrade");
        headers.put("Upgrade", "websocket");
        headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.put("Sec-WebSocket-Version", "13");
        headers.put("Origin", "http://evil.example");
        Response response = request(path, headers);
        assertEquals(403, response.status, () -> "handshake of " + path + " from a foreign origin: " + response.statusLine);
        assertTrue(response.body.toLowerCase(Locale.ROOT).contains("origin"), () -> "403 body: " + response.body);
    }

    private record Response(String statusLine, int status, String reason, String body) {
    }

    /**
     * Sends one GET on a fresh connection and reads the response head, then exactly Content-Length bytes
     * of body; fails the test when the length is missing or does not match what comes.
     */
    private Response request(String path, Map<String, String> headers) throws IOException {
        URI uri = Urls.http(base, path);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            StringBuilder request = new StringBuilder("GET ").append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            InputStream in = socket.getInputStream();
            String what = "GET " + path;
            String statusLine = line(in, what);
            String[] parts = statusLine.split(" ", 3);
            assertTrue(parts.length >= 2 && parts[0].startsWith("HTTP/1.") && parts[1].matches("\\d{3}"),
                    () -> what + ": not a status line: " + statusLine);
            Map<String, String> head = new LinkedHashMap<>();
            StringBuilder all = new StringBuilder(statusLine);
            for (String line = line(in, what); !line.isEmpty(); line = line(in, what)) {
                all.append("\n").append(line);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    head.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            String length = head.get("content-length");
            String text = length == null ? bodyUntilClose(in, what, all) : body(in, Integer.parseInt(length), what, all);
            assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1,
                    () -> what + ": the body is not one whole line: \"" + text + "\"");
            return new Response(statusLine, Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "", text);
        }
    }

    /** Exactly {@code n} bytes of body, and then nothing but, at most, the end of the connection. */
    private static String body(InputStream in, int n, String what, StringBuilder head) throws IOException {
        byte[] body = new byte[n];
        int read = 0;
        try {
            while (read < n) {
                int r = in.read(body, read, n - read);
                if (r < 0) {
                    break;
                }
                read += r;
            }
        } catch (SocketTimeoutException e) {
            // reported below
        }
        int got = read;
        assertEquals(n, got, () -> what + ": Content-Length says " + n + " bytes, " + got + " came:\n" + head);
        try {
            int extra = in.read();
            if (extra >= 0) {
                fail(what + ": more bytes after the " + n + " of Content-Length: '" + (char) extra + "'...\n" + head);
            }
        } catch (SocketTimeoutException e) {
            // kept alive, and nothing more: as it should be
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A body without a length: the server must end the connection after it, within the read time-out. */
    private static String bodyUntilClose(InputStream in, String what, StringBuilder head) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int c = in.read(); c >= 0; c = in.read()) {
                body.write(c);
            }
        } catch (SocketTimeoutException e) {
            fail(what + ": the response has no Content-Length and the connection stayed open after \""
                    + body.toString(StandardCharsets.UTF_8) + "\", so a client cannot tell where it ends:\n" + head);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** One header line without its CRLF; fails the test on a time-out or the end of the connection. */
    private static String line(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    fail(what + ": the connection ended in the response head after \""
                            + line.toString(StandardCharsets.ISO_8859_1) + "\"");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
        } catch (SocketTimeoutException e) {
            fail(what + ": no complete response head within " + READ_TIMEOUT_MILLIS + " ms; got \""
                    + line.toString(StandardCharsets.ISO_8859_1) + "\"");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
