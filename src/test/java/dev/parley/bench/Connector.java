package dev.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens the load client's connections with the JDK's WebSocket client: a bounded number at a time (a
 * connection counts until the server's first frame says it is open), on a few HTTP clients so their selector
 * threads share the reading.
 */
final class Connector implements AutoCloseable {
    private static final int CLIENTS = 2;
    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-io");
        t.setDaemon(true);
        return t;
    });
    private int next;

    Connector() {
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build());
        }
    }

    /** Open connections and their members, in the order of the addresses asked for. */
    record Opened(List<WebSocket> sockets, List<Member> members, long nanos, int failed) {
        void closeAll() throws InterruptedException {
            for (WebSocket ws : sockets) {
                if (ws != null) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
                }
            }
            Thread.sleep(500);
            for (WebSocket ws : sockets) {
                if (ws != null) {
                    ws.abort();
                }
            }
        }
    }

    /**
     * Opens one connection per address, at most {@code inFlight} unfinished at once, and waits for each to be
     * ready; fails when one failed or all did not open within {@code timeout}.
     */
    Opened open(Adapter adapter, List<URI> uris, int inFlight, Duration timeout) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Member> members = new ArrayList<>(uris.size());
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>(uris.size());
        long start = System.nanoTime();
        for (URI uri : uris) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("opened " + members.size() + " of " + uris.size() + " connections to "
                        + uri.getAuthority() + " within " + timeout.toSeconds() + " s");
            }
            Member member = new Member(adapter, slots::release);
            members.add(member);
            HttpClient client = clients.get(next++ % clients.size());
            pending.add(client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, member)
                    .whenComplete((ws, e) -> {
                        if (e != null) {
                            member.onError(null, e);
                        }
                    }));
        }
        if (!slots.tryAcquire(inFlight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException((inFlight - slots.availablePermits()) + " of " + uris.size()
                    + " connections not ready within " + timeout.toSeconds() + " s");
        }
        long nanos = System.nanoTime() - start;
        List<WebSocket> sockets = new ArrayList<>(uris.size());
        int failed = 0;
        String why = "";
        for (int i = 0; i < pending.size(); i++) {
            WebSocket ws;
            try {
                // ready comes from the first frame, which may come before the future completes
                ws = pending.get(i).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws = null;
            }
            sockets.add(ws);
            if (ws == null || members.get(i).closed()) {
                failed++;
                why = members.get(i).why();
            }
        }
        Opened opened = new Opened(sockets, members, nanos, failed);
        if (failed > 0) {
            opened.closeAll();
            throw new IllegalStateException(failed + " of " + uris.size() + " connections failed (" + why + ")");
        }
        return opened;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
