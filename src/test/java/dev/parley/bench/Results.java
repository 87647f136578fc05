package dev.parley.bench;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads back the rows of one run from the JSON-lines file, for a table over several passes. */
final class Results {
    private Results() {
    }

    static List<Row> read(Path file, String run) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o;
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                o = reader.readObject();
            }
            if (!run.equals(o.getString("run", ""))) {
                continue;
            }
            String note = o.getString("note", null);
            if (o.containsKey("seconds")) {
                double s = number(o, "seconds");
                String cpu = String.format(Locale.ROOT,
                        "server %.0f%%+%.0f%%, tool %.0f%%+%.0f%% (user+kernel, of one core); load %s",
                        100 * number(o, "server_cpu_user_s") / s, 100 * number(o, "server_cpu_sys_s") / s,
                        100 * number(o, "tool_cpu_user_s") / s, 100 * number(o, "tool_cpu_sys_s") / s,
                        o.getString("load", "?"));
                note = note == null ? cpu : cpu + "; " + note;
            }
            rows.add(new Row(o.getString("scenario"), o.getString("measure"), o.getString("target"),
                    number(o, "value"), o.getString("unit"), null, note));
        }
        return rows;
    }

    private static double number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }
}
