package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the client's handshake says, read by a loopback socket that answers nothing. */
class TokenHeaderTest {

    @Test
    void theTokenGoesInTheSubprotocolHeaderNotTheRequestLine() throws IOException {
        String head = handshakeOf(client -> client.withToken("h.p.s"));
        String requestLine = head.lines().findFirst().orElseThrow();
        assertTrue(requestLine.startsWith("GET /ws/user/alice "), requestLine);
        assertFalse(requestLine.contains("token"), requestLine);
        assertTrue(head.lines().anyMatch(line -> line.equalsIgnoreCase("Sec-WebSocket-Protocol: parley.v1, token.h.p.s")),
                head);
    }

    @Test
    void aTokenSupplierIsAskedForEachConnection() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        String head = handshakeOf(client -> client.withTokens(() -> "t" + asked.incrementAndGet()));
        assertEquals(1, asked.get());
        assertTrue(head.contains("token.t1"), head);
    }

    @Test
    void withoutATokenNoSubprotocolIsOffered() throws IOException {
        String head = handshakeOf(client -> client);
        assertFalse(head.toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-protocol"), head);
    }

    private static String handshakeOf(java.util.function.UnaryOperator<ParleyClient> options) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            ParleyClient client = options.apply(ParleyClient.at(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                    .withTimeout(Duration.ofSeconds(2)));
            var connecting = client.user("alice", ParleyListener.NONE);
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                String head = readHead(socket.getInputStream());
                connecting.cancel(true);
                return head;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
