package dev.parley.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server under test: a name for the table, how to speak to it, its base URLs (several nodes of one cluster)
 * and the PIDs whose CPU time counts as the server's (the nodes, and a Redis they share).
 */
record Target(String name, Adapter adapter, List<URI> bases, List<Long> pids) {
    /** Parses {@code name|kind|url[,url...]|pid[,pid...]}; every URL must be loopback. */
    static Target parse(String spec) {
        String[] p = spec.split("\\|");
        if (p.length != 4) {
            throw new IllegalArgumentException("target: name|parley,tomcat or node|url[,url]|pid[,pid]: " + spec);
        }
        List<URI> bases = new ArrayList<>();
        for (String u : p[2].split(",")) {
            URI uri = URI.create(u.endsWith("/") ? u : u + "/");
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (!(host.equals("localhost") || host.startsWith("127."))) {
                throw new IllegalArgumentException("loopback only: " + u);
            }
            bases.add(uri);
        }
        List<Long> pids = new ArrayList<>();
        for (String pid : p[3].split(",")) {
            pids.add(Long.parseLong(pid));
        }
        return new Target(p[0], Adapter.of(p[1]), List.copyOf(bases), List.copyOf(pids));
    }

    /** The WebSocket address of node {@code i} (round robin over the nodes). */
    URI ws(int i) {
        return URI.create(bases.get(i % bases.size()).toString().replaceFirst("^http", "ws"));
    }
}
