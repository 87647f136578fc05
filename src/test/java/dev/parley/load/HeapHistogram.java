package dev.parley.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;

/**
 * A class histogram of the server's live heap ({@code GC.class_histogram}, over JMX), and what grew
 * between two of them: where the memory of idle connections goes.
 */
final class HeapHistogram {
    private static final String DIAGNOSTIC = "com.sun.management:type=DiagnosticCommand";

    /** Instances and bytes of one class. */
    record Entry(String className, long instances, long bytes) {
    }

    private final Map<String, Entry> entries;

    private HeapHistogram(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Takes a histogram of live objects (it runs a full GC first). */
    static HeapHistogram of(MBeanServerConnection server) throws Exception {
        String text = (String) server.invoke(new ObjectName(DIAGNOSTIC), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Entry> entries = new HashMap<>();
        for (String line : text.split("\n")) {
            // "   1:        123456        7890123  java.lang.String (java.base@17)"
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":") && parts[0].length() > 1) {
                try {
                    entries.put(parts[3], new Entry(parts[3], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
                } catch (NumberFormatException e) {
                    // the header or the total line
                }
            }
        }
        return new HeapHistogram(entries);
    }

    /**
     * The classes whose name starts with {@code prefix} that grew most from {@code before} to this one,
     * largest growth first, per connection, after a line with their total.
     */
    List<String> growthSince(HeapHistogram before, int connections, int top, String prefix) {
        List<Entry> grown = new ArrayList<>();
        long total = 0;
        for (Entry now : entries.values()) {
            if (!now.className().startsWith(prefix)) {
                continue;
            }
            Entry then = before.entries.getOrDefault(now.className(), new Entry(now.className(), 0, 0));
            grown.add(new Entry(now.className(), now.instances() - then.instances(), now.bytes() - then.bytes()));
            total += now.bytes() - then.bytes();
        }
        grown.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %+9.1f KB total, %7.1f bytes per connection in all classes%s",
                total / 1024.0, total / (double) connections, prefix.isEmpty() ? "" : " of " + prefix + "*"));
        for (Entry e : grown.subList(0, Math.min(top, grown.size()))) {
            lines.add(String.format(Locale.ROOT, "  %+9.1f KB total, %7.1f bytes and %5.2f instances per connection  %s",
                    e.bytes() / 1024.0, e.bytes() / (double) connections, e.instances() / (double) connections,
                    e.className()));
        }
        return lines;
    }
}
