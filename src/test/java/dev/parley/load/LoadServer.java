package dev.parley.load;

import java.io.IOException;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/** What the load tools share about the server they measure: loopback only, its health, its settled heap. */
final class LoadServer {
    private LoadServer() {
    }

    static void requireLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (!(h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]"))) {
            throw new IllegalArgumentException("loopback only: " + host);
        }
    }

    static void awaitHealthy(HttpClient http, URI health, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(health + " not healthy within " + timeout.toSeconds() + " s");
    }

    /** Heap used after full GCs, the lowest of a few readings. */
    static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            Thread.sleep(300);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
