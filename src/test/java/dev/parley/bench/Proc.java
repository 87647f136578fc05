package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Readings of a local process from /proc: CPU time split into user and kernel, and resident memory. */
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

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
