package dev.parley.load;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/** A load tool's idle connection: reads everything (so the server never backs up) and counts its welcome. */
final class IdleMember implements WebSocket.Listener {
    private final CountDownLatch welcomed;
    private final StringBuilder text = new StringBuilder();
    private boolean seen;

    IdleMember(CountDownLatch welcomed) {
        this.welcomed = welcomed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!seen) {
            text.append(data);
            if (last) {
                if (text.indexOf("\"welcome\"") >= 0) {
                    seen = true;
                    welcomed.countDown();
                }
                text.setLength(0);
            }
        }
        ws.request(1);
        return null;
    }
}
