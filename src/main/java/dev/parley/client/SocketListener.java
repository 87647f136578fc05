package dev.parley.client;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/** One socket's events, passed to its {@link Link} with the socket's generation; joins a frame's parts. */
final class SocketListener implements WebSocket.Listener {
    private final Link link;
    private final int generation;
    private final StringBuilder text = new StringBuilder();

    SocketListener(Link link, int generation) {
        this.link = link;
        this.generation = generation;
    }

    @Override
    public void onOpen(WebSocket socket) {
        link.opened(generation, socket);
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String json = text.toString();
            text.setLength(0);
            link.received(generation, json);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        socket.request(1); // Parley sends none
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        link.ended(generation, code, reason, null);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        link.ended(generation, ConnectionEndedException.ABNORMAL, String.valueOf(error.getMessage()), error);
    }
}
