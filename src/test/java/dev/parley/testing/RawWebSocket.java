package dev.parley.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A WebSocket client on a plain {@link Socket}, for what Tyrus will not do:
 * handshakes with chosen headers (an {@code Origin}, or none) and their HTTP
 * status, plain HTTP requests without {@code Upgrade}, frames with any opcode
 * and payload (invalid UTF-8, binary, fragments), close codes as sent, and a
 * client that stops reading (with a tiny receive buffer) to play a stalled
 * consumer. Frames it sends are masked, as a client's must be.
 *
 * <pre>{@code
 * try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"),
 *         RawWebSocket.options().header("Origin", "http://evil.example"))) {
 *     assertEquals(403, ws.status());
 * }
 * try (RawWebSocket ws = RawWebSocket.open(Urls.ws(base, "ws/echo"))) {
 *     ws.sendFrame(RawWebSocket.OP_TEXT, new byte[] {(byte) 0xC3, 0x28});   // invalid UTF-8
 *     assertEquals(1007, ws.awaitClose());
 * }
 * }</pre>
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int OP_CONTINUATION = 0x0;
    public static final int OP_TEXT = 0x1;
    public static final int OP_BINARY = 0x2;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;
    public static final int OP_PONG = 0xA;

    /** What {@link #awaitClose()} returns when the connection ended without a close frame. */
    public static final int NO_CLOSE_FRAME = -1;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Handshake and request options: extra headers, receive buffer, timeout. */
    public static final class Options {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int receiveBufferSize;
        private Duration timeout = WsClient.WAIT;
        private boolean onceMore;

        private Options() {
        }

        /** Adds a request header (for example {@code Origin}); replaces a default of the same name. */
        public Options header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * Sets the socket's receive buffer (before connecting) to about {@code bytes}:
         * with a client that then does not read, the server's writes back up quickly.
         */
        public Options receiveBufferSize(int bytes) {
            this.receiveBufferSize = bytes;
            return this;
        }

        /**
         * A handshake that got no whole HTTP answer (the connection closed, reset or silent) is tried once more
         * on a new connection, as {@link WsClient} does and as any client retries a failed connect: Payara Micro
         * now and then loses a handshake while clients close around it (docs/DEPLOY.md, Payara notes). A
         * second failure still fails, and an answer read whole is never retried, whatever its status.
         */
        public Options onceMoreIfUnanswered() {
            this.onceMore = true;
            return this;
        }

        /** How long reads wait before the test fails (default {@link WsClient#WAIT}). */
        public Options timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }
    }

    /** One frame as received. */
    public record Frame(boolean fin, int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public boolean isClose() {
            return opcode == OP_CLOSE;
        }

        /** The close code of a close frame; 1005 (no status) when it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
        }

        /** The reason of a close frame, possibly empty. */
        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            return switch (opcode) {
                case OP_TEXT -> "text(" + text() + ")";
                case OP_CLOSE -> "close(" + closeCode() + " " + closeReason() + ")";
                default -> "frame(opcode=" + opcode + ", fin=" + fin + ", " + payload.length + " bytes)";
            };
        }
    }

    /** An HTTP response: status, headers (names in lower case) and body as UTF-8 text. */
    public record HttpResponse(String statusLine, int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final URI uri;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Duration timeout;
    private final HttpResponse handshake;

    private RawWebSocket(URI uri, Socket socket, DataInputStream in, Duration timeout, HttpResponse handshake)
            throws IOException {
        this.uri = uri;
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.timeout = timeout;
        this.handshake = handshake;
    }

    public static Options options() {
        return new Options();
    }

    /** Opens a WebSocket handshake to a {@code ws://} URI with no {@code Origin} (a non-browser client). */
    public static RawWebSocket open(URI wsUri) {
        return open(wsUri, options());
    }

    /**
     * Sends a WebSocket handshake to a {@code ws://} URI and reads the response
     * head. It does not fail on a refused handshake: check {@link #status()}.
     * After a 101, frames can be sent and read.
     */
    public static RawWebSocket open(URI wsUri, Options options) {
        try {
            return openOnce(wsUri, options);
        } catch (UncheckedIOException e) {
            if (!options.onceMore) {
                throw e;
            }
            System.err.println("RawWebSocket: " + e.getMessage() + " (" + e.getCause() + "); trying once more");
            return openOnce(wsUri, options);
        }
    }

    private static RawWebSocket openOnce(URI wsUri, Options options) {
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", key);
        headers.put("Sec-WebSocket-Version", "13");
        headers.putAll(options.headers);
        Socket socket = connect(wsUri, options);
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            writeRequest(socket, wsUri, headers);
            HttpResponse head = readHead(in);
            if (head.status() == 101) {
                String expected = accept(key);
                if (!expected.equals(head.header("Sec-WebSocket-Accept"))) {
                    throw new AssertionError("handshake with " + wsUri + ": Sec-WebSocket-Accept is "
                            + head.header("Sec-WebSocket-Accept") + ", expected " + expected);
                }
            } else {
                head = withBody(head, in);
            }
            return new RawWebSocket(wsUri, socket, in, options.timeout, head);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("handshake with " + wsUri + " failed", e);
        }
    }

    /** A plain HTTP GET (no {@code Upgrade}) of an {@code http://} or {@code ws://} URI. */
    public static HttpResponse get(URI uri) {
        return get(uri, options());
    }

    /** A plain HTTP GET with extra headers. */
    public static HttpResponse get(URI uri, Options options) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "*/*");
        headers.put("Connection", "close");
        headers.putAll(options.headers);
        try (Socket socket = connect(uri, options)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            writeRequest(socket, uri, headers);
            return withBody(readHead(in), in);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        }
    }

    /** The handshake response's status code (101 when upgraded). */
    public int status() {
        return handshake.status();
    }

    /** The handshake response: status line, headers, and the body of a refused handshake. */
    public HttpResponse handshake() {
        return handshake;
    }

    public Socket socket() {
        return socket;
    }

    /** Sends one final, masked frame. */
    public void sendFrame(int opcode, byte[] payload) {
        sendFrame(true, opcode, payload);
    }

    /** Sends one masked frame; {@code fin=false} starts or continues a fragmented message. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode & 0x0f);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = randomBytes(4);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        sendRaw(frame.toByteArray());
    }

    public void sendText(String text) {
        sendFrame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] data) {
        sendFrame(OP_BINARY, data);
    }

    /** Sends a close frame with a code and reason. */
    public void sendClose(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        sendFrame(OP_CLOSE, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
    }

    /** Writes bytes as they are: for frames no well-behaved client would send. */
    public void sendRaw(byte[] bytes) {
        requireUpgraded();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("write to " + uri + " failed", e);
        }
    }

    /** The next frame of any kind; null when the server ended the connection. */
    public Frame readFrame() {
        return readFrame(timeout);
    }

    /** The next frame of any kind, waiting up to {@code wait}; null when the connection ended. */
    public Frame readFrame(Duration wait) {
        requireUpgraded();
        try {
            socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
            int b0;
            try {
                b0 = in.read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no frame from " + uri + " within " + wait.toMillis() + " ms");
            }
            if (b0 < 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new AssertionError("frame from " + uri + " too long: " + length);
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) {
                mask = new byte[4];
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
        } catch (EOFException e) {
            return null;
        } catch (IOException e) {
            if (socket.isClosed() || "Connection reset".equals(e.getMessage())) {
                return null;
            }
            throw new UncheckedIOException("read from " + uri + " failed", e);
        }
    }

    /**
     * The next text message (continuation frames joined), answering pings on
     * the way; fails the test on a close, a binary message or a time-out.
     */
    public String readText() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean inText = false;
        while (true) {
            Frame frame = readFrame();
            if (frame == null) {
                throw new AssertionError("connection to " + uri + " ended while waiting for a text frame");
            }
            switch (frame.opcode()) {
                case OP_PING -> sendFrame(OP_PONG, frame.payload());
                case OP_PONG -> { }
                case OP_TEXT, OP_CONTINUATION -> {
                    if (frame.opcode() == OP_TEXT) {
                        inText = true;
                        message.reset();
                    }
                    if (inText) {
                        message.writeBytes(frame.payload());
                        if (frame.fin()) {
                            return message.toString(StandardCharsets.UTF_8);
                        }
                    }
                }
                default -> throw new AssertionError("expected a text frame from " + uri + ", got " + frame);
            }
        }
    }

    /** {@link #awaitClose(Duration)} with this connection's timeout. */
    public int awaitClose() {
        return awaitClose(timeout);
    }

    /**
     * Reads (and drops) frames until the server's close frame and returns its
     * code (1005 if it has none), or {@link #NO_CLOSE_FRAME} if the connection
     * ended without one. Answers the close as a client should.
     */
    public int awaitClose(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
            Frame frame;
            try {
                frame = readFrame(Duration.ofMillis(left));
            } catch (AssertionError e) {
                throw new AssertionError("connection to " + uri + " not closed within " + wait.toMillis() + " ms");
            }
            if (frame == null) {
                return NO_CLOSE_FRAME;
            }
            if (frame.isClose()) {
                try {
                    sendFrame(OP_CLOSE, frame.payload().length >= 2
                            ? new byte[] {frame.payload()[0], frame.payload()[1]} : new byte[0]);
                } catch (UncheckedIOException e) {
                    // the server may already have dropped the connection
                }
                return frame.closeCode();
            }
            if (frame.opcode() == OP_PING) {
                sendFrame(OP_PONG, frame.payload());
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private void requireUpgraded() {
        if (handshake.status() != 101) {
            throw new AssertionError("handshake with " + uri + " was refused: " + handshake.statusLine()
                    + (handshake.body().isBlank() ? "" : "\n" + handshake.body().strip()));
        }
    }

    private static Socket connect(URI uri, Options options) {
        Socket socket = new Socket();
        try {
            if (options.receiveBufferSize > 0) {
                socket.setReceiveBufferSize(options.receiveBufferSize);
            }
            socket.setSoTimeout((int) options.timeout.toMillis());
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) options.timeout.toMillis());
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("cannot connect to " + uri, e);
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** The request line this client sends for {@code uri}, without its line end. */
    public static String requestLine(URI uri) {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return "GET " + target + " HTTP/1.1";
    }

    private static void writeRequest(Socket socket, URI uri, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder(requestLine(uri)).append("\r\n");
        request.append("Host: ").append(uri.getHost()).append(':').append(port(uri)).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static HttpResponse readHead(DataInputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        return new HttpResponse(statusLine, status, Collections.unmodifiableMap(headers), "");
    }

    private static HttpResponse withBody(HttpResponse head, DataInputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = head.header("Content-Length");
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            while (true) {
                String size = readLine(in);
                if (size == null) {
                    break;
                }
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    break;
                }
                byte[] chunk = new byte[n];
                in.readFully(chunk);
                body.writeBytes(chunk);
                readLine(in);
            }
        } else if (length != null) {
            byte[] bytes = new byte[Integer.parseInt(length)];
            in.readFully(bytes);
            body.writeBytes(bytes);
        } else if (head.status() >= 200 && head.status() != 204 && head.status() != 304) {
            try {
                in.transferTo(body);
            } catch (SocketTimeoutException e) {
                // a server that keeps the connection open with no length: take what came
            }
        }
        return new HttpResponse(head.statusLine(), head.status(), head.headers(), body.toString(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return c < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
