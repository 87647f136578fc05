package dev.parley.load;

import java.io.IOException;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** What the load tools share about the server they measure: loopback only, its health, its settled heap. */
final class LoadServer {
    private LoadServer() {
    }

    /**
     * The arguments every load tool takes: {@code <base url> <jmx host:port> <first> <second> <label>
     * [result file]}, both addresses checked to be loopback.
     */
    record Args(URI base, String jmx, String first, String second, String label, Path resultFile) {
        static Args parse(String[] args, String usage) {
            if (args.length < 5) {
                throw new IllegalArgumentException("usage: " + usage);
            }
            Args parsed = new Args(URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/"), args[1], args[2],
                    args[3], args[4], args.length > 5 ? Path.of(args[5]) : null);
            requireLoopback(parsed.base.getHost());
            requireLoopback(parsed.jmx.substring(0, parsed.jmx.lastIndexOf(':')));
            return parsed;
        }

        /** Prints a result line and appends it to the result file, if one was given. */
        void report(String line) throws IOException {
            System.out.println(line);
            if (resultFile != null) {
                Files.createDirectories(resultFile.toAbsolutePath().getParent());
                Files.writeString(resultFile, line + System.lineSeparator(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        }
    }

    /** Moves the opened sockets from {@code pending} to {@code sockets}; one that failed to open is left out. */
    static void collect(List<CompletableFuture<WebSocket>> pending, List<WebSocket> sockets) {
        for (CompletableFuture<WebSocket> f : pending) {
            try {
                sockets.add(f.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                // counted as failed by the caller
            }
        }
        pending.clear();
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

    /** The resident set of process {@code pid} on this machine, from {@code /proc/<pid>/status}; 0 where unknown. */
    static long residentBytes(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
