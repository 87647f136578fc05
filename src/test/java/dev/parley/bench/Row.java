package dev.parley.bench;

import java.util.Locale;

/** One figure of the table: a measure of a target, the phase that gave it (if any) and a note. */
record Row(String scenario, String measure, String target, double value, String unit, Phase.Result phase,
        String note) {

    static Row failed(String scenario, String measure, String target, String unit, Exception e) {
        return new Row(scenario, measure, target, Double.NaN, unit, null,
                "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** The row as one JSON object on one line. */
    String json(String run, String load) {
        StringBuilder b = new StringBuilder("{");
        field(b, "run", run);
        field(b, "time", java.time.Instant.now().toString());
        field(b, "load", load);
        field(b, "scenario", scenario);
        field(b, "measure", measure);
        field(b, "target", target);
        number(b, "value", value);
        field(b, "unit", unit);
        if (phase != null) {
            number(b, "offered_per_s", phase.offered());
            number(b, "achieved_per_s", phase.achieved());
            number(b, "sent", phase.sent());
            number(b, "deliveries", phase.deliveries());
            number(b, "p50_ms", phase.p50());
            number(b, "p99_ms", phase.p99());
            number(b, "p999_ms", phase.p999());
            number(b, "max_ms", phase.max());
            number(b, "lost", phase.lost());
            number(b, "duplicates", phase.duplicates());
            number(b, "out_of_order", phase.outOfOrder());
            number(b, "errors", phase.errors());
            number(b, "send_failures", phase.sendFailures());
            number(b, "seconds", phase.seconds());
            number(b, "server_cpu_user_s", phase.server().user());
            number(b, "server_cpu_sys_s", phase.server().system());
            number(b, "tool_cpu_user_s", phase.tool().user());
            number(b, "tool_cpu_sys_s", phase.tool().system());
        }
        if (note != null) {
            field(b, "note", note);
        }
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }

    /** Server and tool CPU over the phase, as percent of one core, user+kernel. */
    String cpu() {
        if (phase == null) {
            return "";
        }
        double s = phase.seconds();
        return String.format(Locale.ROOT, "server %.0f%%+%.0f%%, tool %.0f%%+%.0f%% (user+kernel, of one core)",
                100 * phase.server().user() / s, 100 * phase.server().system() / s, 100 * phase.tool().user() / s,
                100 * phase.tool().system() / s);
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ")).append("\",");
    }

    private static void number(StringBuilder b, String name, double value) {
        b.append('"').append(name).append("\":");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            b.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            b.append((long) value);
        } else {
            b.append(String.format(Locale.ROOT, "%.3f", value));
        }
        b.append(',');
    }
}
