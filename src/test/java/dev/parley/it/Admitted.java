package dev.parley.it;

import dev.parley.testing.WsClient;
import java.net.URL;

/** Connecting again once places are free: right after a close, the server may not have counted it yet. */
final class Admitted {
    private Admitted() {
    }

    /** A connection to {@code path} that got its welcome, trying for up to five seconds; null if none did. */
    static WsClient after(URL base, String path) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            WsClient candidate = WsClient.connect(base, path);
            try {
                candidate.next("welcome");
                return candidate;
            } catch (AssertionError refusedMeanwhile) {
                candidate.close();
                Thread.sleep(100);
            }
        }
        return null;
    }
}
