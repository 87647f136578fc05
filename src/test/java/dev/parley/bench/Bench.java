package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's load client: runs the named scenarios against servers already started (by scripts/bench) on
 * loopback, appends every figure to a JSON-lines file and prints a table at the end. Every loop is bounded in
 * count and time.
 *
 * <pre>usage: Bench &lt;scenario[,scenario]|all&gt; &lt;results.jsonl&gt; &lt;name|kind|url[,url]|pid[,pid]&gt;...
 *        Bench --table &lt;results.jsonl&gt; &lt;run&gt;   (the table of one run, from the file)</pre>
 *
 * Scenarios: latency110, latency1010, idle10k, fanout, dm, idle (all of these: {@code all}); redis, which needs
 * the targets {@code parley} (one node, memory broker) and {@code parley-redis} (two nodes on one Redis).
 */
public final class Bench {
    static final List<String> ALL = List.of("idle", "latency110", "latency1010", "idle10k", "fanout", "dm");
    private static final double[] FANOUT = {10_000, 20_000, 40_000, 60_000, 80_000, 100_000, 130_000, 160_000,
        200_000, 240_000, 280_000, 330_000, 400_000};
    private static final double[] DIRECT = {2_500, 5_000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000,
        85_000, 100_000};
    private static final double[] ROOM_MESSAGES = {250, 500, 1_000, 2_000, 3_000, 4_000, 5_000, 6_500, 8_000, 10_000,
        13_000};

    /** The run's id in the results file: one for every pass of one scripts/bench run. */
    static final String RUN = System.getProperty("bench.run", Marker.ID);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--table")) {
            System.out.print(table(Results.read(Path.of(args[1]), args[2])));
            return;
        }
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Bench <scenarios|all> <results.jsonl> <name|kind|url|pid>...");
        }
        List<String> scenarios = args[0].equals("all") ? ALL : List.of(args[0].split(","));
        Path results = Path.of(args[1]);
        Map<String, Target> targets = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            Target t = Target.parse(args[i]);
            targets.put(t.name(), t);
        }
        Files.createDirectories(results.toAbsolutePath().getParent());
        List<Row> rows = new ArrayList<>();
        try (Connector connector = new Connector()) {
            Scenarios run = new Scenarios(connector, row -> {
                rows.add(row);
                System.out.println(line(row));
                append(results, row.json(RUN, load()));
            });
            for (String scenario : scenarios) {
                scenario(run, scenario, targets, rows);
            }
        }
        System.out.println();
        System.out.print(table(rows));
        System.out.println("load average at the end: " + load() + "; run " + RUN);
    }

    private static void scenario(Scenarios run, String scenario, Map<String, Target> targets, List<Row> rows) {
        System.out.println("== " + scenario + " (load " + load() + ")");
        for (Target t : targets.values()) {
            boolean parley = t.adapter() == Adapter.PARLEY;
            boolean oneNode = !t.name().equals("parley-redis");
            Attempt a = (measure, unit, body) -> {
                try {
                    body.run();
                } catch (Exception e) {
                    Row failed = Row.failed(scenario, measure, t.name(), unit, e);
                    rows.add(failed);
                    System.out.println(line(failed));
                }
            };
            switch (scenario) {
                case "latency110" -> {
                    if (oneNode) {
                        String m = "p99 latency at 20,000 deliveries/s, 110 members";
                        a.run(m, "ms", () -> run.latency(scenario, m, t, 110, 10, 20_000, Duration.ofSeconds(15)));
                    }
                }
                case "latency1010" -> {
                    if (oneNode) {
                        String m = "p99 at 5,000 deliveries/s, 1,010 members";
                        a.run(m, "ms", () -> run.latency(scenario, m, t, 1_010, 10, 5_000, Duration.ofSeconds(20)));
                    }
                }
                case "idle10k" -> {
                    // Tomcat's example tells every member of every join: 10,000 joins are 50 million frames
                    if (oneNode && t.adapter() != Adapter.TOMCAT) {
                        String m = "p99, 10,000 idle members, one sender at 10 msg/s";
                        a.run(m, "ms", () -> run.latency(scenario, m, t, 10_000, 1, 100_000, Duration.ofSeconds(20)));
                    }
                }
                case "fanout" -> {
                    if (oneNode) {
                        String m = "highest fan-out with p99 <= 100 ms and no loss, 110 members";
                        a.run(m, "deliveries/s", () -> run.fanout(scenario, m, t, 110, 10, FANOUT));
                    }
                }
                case "dm" -> {
                    if (parley && oneNode) {
                        String m = "direct messages, 100 pairs, highest rate with p99 <= 100 ms";
                        a.run(m, "messages/s", () -> run.directRamp(scenario, m, t, 100, DIRECT));
                    }
                }
                case "idle" -> {
                    if (oneNode) {
                        a.run("idle connections", "", () -> run.idle(scenario, t, 5_000));
                    }
                }
                case "redis" -> {
                    if (parley) {
                        String m = "accepted room messages/s end to end, 20 members, 10 senders";
                        a.run(m, "messages/s", () -> run.roomThroughput(scenario, m, t, 20, 10, ROOM_MESSAGES));
                        String p = "p99 room fan-out at 1,000 messages/s, 20 members";
                        a.run(p, "ms", () -> run.latency(scenario, p, t, 20, 10, 20_000, Duration.ofSeconds(10)));
                        String d = "p99 direct messages at 1,000 messages/s, 100 pairs";
                        a.run(d, "ms", () -> run.direct(scenario, d, t, 100, 1_000, Duration.ofSeconds(10)));
                    }
                }
                default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; known: "
                        + String.join(", ", ALL) + ", redis");
            }
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private interface Attempt {
        void run(String measure, String unit, Body body);
    }

    /** The table: a line per measure, a column per target, and Parley as a ratio of Node's figure. */
    static String table(List<Row> rows) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Map<String, Row>> byMeasure = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.scenario().endsWith("-step")) {
                continue;
            }
            names.add(r.target());
            byMeasure.computeIfAbsent(r.measure(), k -> new LinkedHashMap<>()).put(r.target(), r);
        }
        StringBuilder b = new StringBuilder("| measure |");
        for (String n : names) {
            b.append(' ').append(n).append(" |");
        }
        b.append(" parley ÷ node |\n|---|");
        b.append("---|".repeat(names.size() + 1)).append('\n');
        for (var e : byMeasure.entrySet()) {
            b.append("| ").append(e.getKey()).append(" |");
            for (String n : names) {
                Row r = e.getValue().get(n);
                b.append(' ').append(r == null ? "–" : value(r)).append(" |");
            }
            Row parley = e.getValue().get("parley");
            Row node = e.getValue().get("node");
            b.append(' ').append(parley != null && node != null && node.value() != 0 && !Double.isNaN(parley.value())
                    ? String.format(Locale.ROOT, "%.2f", parley.value() / node.value()) : "–").append(" |\n");
        }
        b.append("\nwhat each figure cost (CPU over the measured phase) and notes:\n");
        for (var e : byMeasure.entrySet()) {
            for (Row r : e.getValue().values()) {
                String cpu = r.cpu();
                if (!cpu.isEmpty() || r.note() != null) {
                    b.append("- ").append(r.measure()).append(", ").append(r.target()).append(": ").append(cpu)
                            .append(r.note() == null ? "" : (cpu.isEmpty() ? "" : "; ") + r.note()).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String value(Row r) {
        if (Double.isNaN(r.value())) {
            return "failed";
        }
        String v = r.value() >= 1000 ? String.format(Locale.ROOT, "%,.0f", r.value())
                : String.format(Locale.ROOT, "%.1f", r.value());
        return v + " " + r.unit();
    }

    private static String line(Row r) {
        return String.format(Locale.ROOT, "%-12s %-14s %s: %s%s%s", r.scenario(), r.target(), r.measure(), value(r),
                r.phase() == null ? "" : String.format(Locale.ROOT, " [p50 %.2f p99 %.2f p99.9 %.2f max %.1f ms, "
                        + "%d deliveries, lost %d, dup %d, ooo %d, %s]", r.phase().p50(), r.phase().p99(),
                        r.phase().p999(), r.phase().max(), r.phase().deliveries(), r.phase().lost(),
                        r.phase().duplicates(), r.phase().outOfOrder(), r.cpu()),
                r.note() == null ? "" : " (" + r.note() + ")");
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }
}
