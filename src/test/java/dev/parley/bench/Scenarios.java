package dev.parley.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The scenarios of the benchmark, each against one target (or two, for Redis); each reports rows. */
final class Scenarios {
    static final double P99_LIMIT_MS = 100;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration WARM = Duration.ofSeconds(5);
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final int IN_FLIGHT = 100;
    private static final String RUN = Marker.ID;

    private final Connector connector;
    private final Consumer<Row> out;

    Scenarios(Connector connector, Consumer<Row> out) {
        this.connector = connector;
        this.out = out;
    }

    /** A fixed rate of deliveries in one room of {@code members}, {@code senders} of them sending: p99. */
    void latency(String scenario, String measure, Target t, int members, int senders, double deliveriesPerSecond,
            Duration length) throws InterruptedException {
        Connector.Opened room = room(t, scenario, members);
        try {
            List<Phase.Sender> s = senders(room, senders);
            double perSender = deliveriesPerSecond / members / senders;
            Phase.run(t.adapter(), room.members(), s, false, perSender, WARM, DRAIN, t.pids());
            Phase.Result r = Phase.run(t.adapter(), room.members(), s, false, perSender, length, DRAIN, t.pids());
            String heap = heapNote(t, members);
            String note = r.clean() ? heap : heap == null ? lossNote(r) : lossNote(r) + "; " + heap;
            out.accept(new Row(scenario, measure, t.name(), r.p99(), "ms", r, note));
        } finally {
            room.closeAll();
        }
    }

    /** The live heap of a Java server with {@code connections} open (after a full collection), or null. */
    private static String heapNote(Target t, int connections) {
        long heap = t.adapter() == Adapter.NODE ? -1 : Proc.heapAfterGc(t.pids().get(0));
        return heap < 0 ? null : String.format(Locale.ROOT, "heap after a full GC %.0f MB with %,d open",
                heap / 1e6, connections);
    }

    /** Rising rates of deliveries in one room until p99 passes 100 ms or a message is lost: the highest clean. */
    void fanout(String scenario, String measure, Target t, int members, int senders, double[] deliveriesPerSecond)
            throws InterruptedException {
        Connector.Opened room = room(t, scenario, members);
        try {
            List<Phase.Sender> s = senders(room, senders);
            Phase.run(t.adapter(), room.members(), s, false, deliveriesPerSecond[0] / members / senders,
                    Duration.ofSeconds(3), DRAIN, t.pids());
            ramp(scenario, measure, t, "deliveries/s", room.members(), s, false,
                    rate -> rate / members / senders, deliveriesPerSecond, Phase.Result::achieved);
        } finally {
            room.closeAll();
        }
    }

    /** Idle connections: server RSS per connection, and how long they took to open. */
    void idle(String scenario, Target t, int connections) throws InterruptedException {
        long pid = t.pids().get(0);
        room(t, scenario + "-warm", 100).closeAll();
        Thread.sleep(2_000);
        long before = Proc.rss(pid);
        Proc.Cpu cpuBefore = Proc.cpu(t.pids());
        Proc.Cpu toolBefore = Proc.cpu(List.of(0L));
        Connector.Opened room = room(t, scenario, connections);
        try {
            double seconds = room.nanos() / 1e9;
            Proc.Cpu cpu = Proc.cpu(t.pids()).minus(cpuBefore);
            Proc.Cpu tool = Proc.cpu(List.of(0L)).minus(toolBefore);
            out.accept(new Row(scenario, String.format(Locale.ROOT, "%,d connects take", connections), t.name(), seconds, "s",
                    null, String.format(Locale.ROOT, "%d at a time; server CPU %.1f s user + %.1f s kernel, "
                            + "tool %.1f s + %.1f s", IN_FLIGHT, cpu.user(), cpu.system(), tool.user(), tool.system())));
            Thread.sleep(3_000);
            long after = Proc.rss(pid);
            out.accept(new Row(scenario, String.format(Locale.ROOT, "idle connection, server RSS per connection (%,d open)",
                    connections), t.name(), (after - before) / 1024.0 / connections, "KB", null,
                    String.format(Locale.ROOT, "VmRSS %.1f MB -> %.1f MB", before / 1e6, after / 1e6)));
        } finally {
            room.closeAll();
        }
    }

    /** Direct messages between pairs (sender i on one node, receiver i on the next): rising rates. */
    void directRamp(String scenario, String measure, Target t, int pairs, double[] messagesPerSecond)
            throws InterruptedException {
        Connector.Opened[] p = pairs(t, scenario, pairs);
        try {
            List<Phase.Sender> s = directSenders(p[0], scenario, pairs);
            Phase.run(t.adapter(), p[1].members(), s, true, messagesPerSecond[0] / pairs, Duration.ofSeconds(3),
                    DRAIN, t.pids());
            ramp(scenario, measure, t, "messages/s", p[1].members(), s, true, rate -> rate / pairs,
                    messagesPerSecond, Phase.Result::achieved);
        } finally {
            p[0].closeAll();
            p[1].closeAll();
        }
    }

    /** Direct messages at a fixed rate: p99. */
    void direct(String scenario, String measure, Target t, int pairs, double messagesPerSecond, Duration length)
            throws InterruptedException {
        Connector.Opened[] p = pairs(t, scenario, pairs);
        try {
            List<Phase.Sender> s = directSenders(p[0], scenario, pairs);
            Phase.run(t.adapter(), p[1].members(), s, true, messagesPerSecond / pairs, WARM, DRAIN, t.pids());
            Phase.Result r = Phase.run(t.adapter(), p[1].members(), s, true, messagesPerSecond / pairs, length,
                    DRAIN, t.pids());
            out.accept(new Row(scenario, measure, t.name(), r.p99(), "ms", r, r.clean() ? null : lossNote(r)));
        } finally {
            p[0].closeAll();
            p[1].closeAll();
        }
    }

    /** Rising rates of room messages (accepted and delivered to every member): the highest clean, per second. */
    void roomThroughput(String scenario, String measure, Target t, int members, int senders, double[] messages)
            throws InterruptedException {
        Connector.Opened room = room(t, scenario, members);
        try {
            List<Phase.Sender> s = senders(room, senders);
            Phase.run(t.adapter(), room.members(), s, false, messages[0] / senders, Duration.ofSeconds(3), DRAIN,
                    t.pids());
            ramp(scenario, measure, t, "messages/s", room.members(), s, false, rate -> rate / senders, messages,
                    Phase.Result::sentPerSecond);
        } finally {
            room.closeAll();
        }
    }

    private interface PerSender {
        double of(double rate);
    }

    private interface Figure {
        double of(Phase.Result r);
    }

    private void ramp(String scenario, String measure, Target t, String unit, List<Member> receivers,
            List<Phase.Sender> senders, boolean direct, PerSender perSender, double[] rates, Figure figure)
            throws InterruptedException {
        Phase.Result best = null;
        Phase.Result failed = null;
        for (double rate : rates) {
            Phase.Result r = null;
            // a step that passed on loss but not on p99 is tried once more: one stall of a shared machine
            // should not end the ramp
            for (int attempt = 0; attempt < 2 && (r == null || r.clean() && r.p99() > P99_LIMIT_MS); attempt++) {
                r = Phase.run(t.adapter(), receivers, senders, direct, perSender.of(rate), STEP, DRAIN, t.pids());
                out.accept(new Row(scenario + "-step", measure + " (step)", t.name(), figure.of(r), unit, r,
                        String.format(Locale.ROOT, "offered %.0f/s, p99 %.1f ms%s", rate, r.p99(),
                                r.clean() ? "" : ", " + lossNote(r))));
            }
            if (!r.clean() || r.p99() > P99_LIMIT_MS) {
                failed = r;
                break;
            }
            best = r;
        }
        String note = failed == null ? "every step passed: the limit is above the highest rate tried"
                : String.format(Locale.ROOT, "%snext step: p99 %.1f ms%s",
                        best == null ? "below the lowest rate tried (" + (long) rates[0] + "/s); " : "",
                        failed.p99(), failed.clean() ? "" : ", " + lossNote(failed));
        out.accept(new Row(scenario, measure, t.name(), best == null ? 0 : figure.of(best), unit, best, note));
    }

    private Connector.Opened room(Target t, String room, int members) throws InterruptedException {
        List<URI> uris = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            uris.add(t.adapter().room(t.ws(i), room + "-" + RUN, "m" + i));
        }
        return connector.open(t.adapter(), uris, IN_FLIGHT, CONNECT_TIMEOUT);
    }

    /** Senders a0.. on node 0 and receivers b0.. on node 1 (the same node when there is one). */
    private Connector.Opened[] pairs(Target t, String scenario, int pairs) throws InterruptedException {
        List<URI> a = new ArrayList<>();
        List<URI> b = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            a.add(t.adapter().user(t.ws(0), user(scenario, "a", i)));
            b.add(t.adapter().user(t.ws(1), user(scenario, "b", i)));
        }
        Connector.Opened receivers = connector.open(t.adapter(), b, IN_FLIGHT, CONNECT_TIMEOUT);
        return new Connector.Opened[] {connector.open(t.adapter(), a, IN_FLIGHT, CONNECT_TIMEOUT), receivers};
    }

    private static List<Phase.Sender> senders(Connector.Opened room, int n) {
        List<Phase.Sender> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(new Phase.Sender(room.links().get(i), i, null));
        }
        return s;
    }

    private static List<Phase.Sender> directSenders(Connector.Opened a, String scenario, int pairs) {
        List<Phase.Sender> s = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            s.add(new Phase.Sender(a.links().get(i), i, user(scenario, "b", i)));
        }
        return s;
    }

    /** A user of this run: never one with messages kept from an earlier run. */
    private static String user(String scenario, String side, int i) {
        return scenario + "-" + RUN + "-" + side + i;
    }

    static String lossNote(Phase.Result r) {
        return String.format(Locale.ROOT, "lost %d, duplicates %d, errors %d, send failures %d",
                r.lost(), r.duplicates(), r.errors(), r.sendFailures());
    }
}
