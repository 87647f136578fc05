package dev.parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readings of a local process from /proc (CPU time split into user and kernel, and resident memory) and, for a
 * JVM, its heap after a full collection.
 */
final class Proc {
    /** Clock ticks per second of /proc/<pid>/stat (getconf CLK_TCK); 100 on Linux unless told otherwise. */
    private static final double TICKS = Double.parseDouble(System.getProperty("bench.clk.tck", "100"));

    private Proc() {
    }

    /** CPU seconds used so far by the processes, summed: user and kernel. */
    record Cpu(double user, double system) {
        Cpu minus(Cpu earlier) {
            return new Cpu(user - earlier.user, system - earlier.system);
        }
    }

    static Cpu cpu(List<Long> pids) {
        double user = 0;
        double system = 0;
        for (long pid : pids) {
            String stat = read(Path.of("/proc/" + (pid == 0 ? "self" : Long.toString(pid)) + "/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            user += Long.parseLong(f[11]) / TICKS;
            system += Long.parseLong(f[12]) / TICKS;
        }
        return new Cpu(user, system);
    }

    /** VmRSS of a process in bytes. */
    static long rss(long pid) {
        for (String line : read(Path.of("/proc/" + pid + "/status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /**
     * The heap a JVM uses right after a full collection, in bytes (what its live objects hold), read with the
     * JDK's {@code jcmd}; -1 when that is not possible (not a JVM, or no jcmd).
     */
    static long heapAfterGc(long pid) {
        try {
            run("jcmd", Long.toString(pid), "GC.run");
            Matcher used = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K")
                    .matcher(run("jcmd", Long.toString(pid), "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroy();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
