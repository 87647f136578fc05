package dev.parley.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Parley node as a real process: the built WAR on embedded Tomcat in a child JVM ({@link TomcatNodeMain}),
 * or on Payara Micro ({@code java -jar payara-micro.jar --deploy}), on a free loopback port, with its settings as
 * environment variables. Its output goes to {@code target/cluster-logs/<name>.log}. {@link #stop()} ends it with
 * SIGTERM, {@link #kill()} with SIGKILL; a shutdown hook ends whatever is still running when the test JVM exits.
 */
public final class NodeProcess implements AutoCloseable {

    /** How the node runs the WAR. */
    public enum Kind { TOMCAT, PAYARA }

    private static final Duration START_TOMCAT = Duration.ofSeconds(60);
    private static final Duration START_PAYARA = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Kind kind;
    private final Map<String, String> environment;
    private final Thread onExit;
    private volatile int port;
    private volatile Process process;

    private NodeProcess(String name, Kind kind, Map<String, String> environment) {
        this.name = name;
        this.kind = kind;
        this.environment = Map.copyOf(environment);
        this.onExit = new Thread(() -> {
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
        }, "parley-node-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts a node and waits until its {@code /health} answers 200. */
    public static NodeProcess start(String name, Kind kind, Map<String, String> environment) {
        NodeProcess node = new NodeProcess(name, kind, environment);
        node.launch();
        return node;
    }

    /** Whether Payara Micro nodes are off for this build ({@code -Dparley.payara.skip}). */
    public static boolean payaraSkipped() {
        String skip = System.getProperty("parley.payara.skip");
        return skip != null && !"false".equals(skip);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code http://127.0.0.1:<port>/}: the WAR is served at the root. */
    public URL base() {
        try {
            return URI.create("http://127.0.0.1:" + port + "/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP status of {@code GET /health} now, or -1 when the node does not answer. */
    public int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL, as a crash: no connection is closed politely, nothing is cleaned up. */
    public void kill() {
        Process p = process;
        p.destroyForcibly();
        await(p);
    }

    /** SIGTERM: the container undeploys the WAR and Parley closes its connections with 1001. */
    public void stop() {
        Process p = process;
        p.destroy();
        await(p);
    }

    /** Starts the node again after {@link #kill()} or {@link #stop()}: same name and settings, a new port. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return name + " (" + kind + ", " + base() + ")";
    }

    private void launch() {
        Path target = Path.of(System.getProperty("parley.war")).toAbsolutePath().getParent();
        Path log = target.resolve("cluster-logs").resolve(name + ".log");
        IllegalStateException last = null;
        // a free port may be taken between finding it and the node binding it: try another
        for (int attempt = 0; attempt < 2; attempt++) {
            port = freePort();
            Process p = spawn(target, log);
            process = p;
            if (awaitHealthy(p, kind == Kind.PAYARA ? START_PAYARA : START_TOMCAT)) {
                return;
            }
            p.destroyForcibly();
            await(p);
            last = new IllegalStateException("node " + name + " did not become healthy on port " + port
                    + "; its log: " + log);
        }
        throw last;
    }

    private Process spawn(Path target, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String war = Path.of(System.getProperty("parley.war")).toAbsolutePath().toString();
        Path work = target.resolve("cluster-work").resolve(name + "-" + port);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + mkdirs(work)));
        if (kind == Kind.TOMCAT) {
            command.addAll(List.of("-cp", tomcatClassPath(), TomcatNodeMain.class.getName(),
                    Integer.toString(port), war, work.toString()));
        } else {
            command.addAll(List.of("-jar", target.resolve("payara-micro").resolve("payara-micro.jar").toString(),
                    "--deploy", war, "--contextroot", "/", "--port", Integer.toString(port), "--nocluster",
                    "--disablephonehome", "--rootdir", work.resolve("payara").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(mkdirs(log.getParent()).resolve(log.getFileName())
                        .toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PARLEY_"));
        env.putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + name, e);
        }
    }

    /**
     * Embedded Tomcat's jars from the test JVM's class path and the test classes (for the main class), nothing
     * else: the WAR brings its own libraries, and the test class path's Tyrus, Selenium and Arquillian would
     * only get in the webapp's way.
     */
    private static String tomcatClassPath() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("tomcat-embed-") || e.contains("tomcat-annotations-api")
                        || e.endsWith("test-classes") || e.endsWith("test-classes" + File.separator))
                .toList();
        return String.join(File.pathSeparator, entries);
    }

    private boolean awaitHealthy(Process p, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (health() == 200) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void await(Process p) {
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings every node of a test shares: the broker, its name, and limits no test client reaches. */
    public static Map<String, String> settings(String redisUrl, String node) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PARLEY_BROKER", redisUrl);
        env.put("PARLEY_NODE", node);
        env.put("PARLEY_RATE_LIMIT", "100000");
        env.put("PARLEY_RATE_BURST", "100000");
        env.put("PARLEY_CONNECTIONS_PER_ADDRESS", "100000");
        env.put("PARLEY_API_RATE", "100000");
        env.put("PARLEY_API_BURST", "100000");
        return env;
    }

    /** Two Tomcat nodes, {@code <prefix>-a} and {@code <prefix>-b}, on one Redis, started side by side. */
    public static List<NodeProcess> tomcatPair(String prefix, String redisUrl) {
        CompletableFuture<NodeProcess> a = CompletableFuture.supplyAsync(
                () -> start(prefix + "-a", Kind.TOMCAT, settings(redisUrl, "a")));
        NodeProcess b = start(prefix + "-b", Kind.TOMCAT, settings(redisUrl, "b"));
        return List.of(a.join(), b);
    }

    /** Stops each of these that was started (null for one that was not), whatever the others do. */
    public static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the others still stop
            }
        }
    }
}
