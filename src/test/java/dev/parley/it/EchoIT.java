package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Deployments;
import dev.parley.testing.RawWebSocket;
import dev.parley.testing.Urls;
import dev.parley.testing.WsClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code /ws/echo} sends each text frame back unchanged. */
public class EchoIT extends ParleyIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.parley(Unthrottled.settings());
    }

    @Test
    void sendsEachTextFrameBackUnchanged() {
        try (WsClient ws = WsClient.connect(base, "ws/echo")) {
            for (String text : List.of("hello", "李雷 says héllo 👋", "{\"type\":\"message\",\"text\":\"hi\"}",
                    "  spaced \t out  ", "not json {")) {
                ws.send(text);
                assertEquals(text, ws.nextText());
            }
        }
    }

    @Test
    void keepsTheOrderOfManyFrames() {
        try (WsClient ws = WsClient.connect(base, "ws/echo")) {
            for (int i = 0; i < 200; i++) {
                ws.send("frame " + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("frame " + i, ws.nextText());
            }
        }
    }

    @Test
    void joinsAFragmentedTextMessage() {
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"))) {
            assertEquals(101, ws.status());
            byte[] text = "李雷 in two fragments".getBytes(StandardCharsets.UTF_8);
            // split inside the first character's UTF-8 bytes
            ws.sendFrame(false, RawWebSocket.OP_TEXT, Arrays.copyOfRange(text, 0, 2));
            ws.sendFrame(true, RawWebSocket.OP_CONTINUATION, Arrays.copyOfRange(text, 2, text.length));
            assertEquals("李雷 in two fragments", ws.readText());
        }
    }

    @Test
    void closesWith1003OnABinaryFrame() {
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"))) {
            ws.sendBinary(new byte[] {1, 2, 3});
            assertEquals(1003, ws.awaitClose());
        }
    }

    @Test
    void closesWith1007OnInvalidUtf8() {
        try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"))) {
            ws.sendFrame(RawWebSocket.OP_TEXT, new byte[] {'a', (byte) 0xC3, 0x28});
            assertEquals(1007, ws.awaitClose());
        }
    }
}
