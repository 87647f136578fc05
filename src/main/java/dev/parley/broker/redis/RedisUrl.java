package dev.parley.broker.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** The {@code parley.broker} URL of a Redis: which forms Parley takes, and what it refuses. */
final class RedisUrl {
    static final List<String> SCHEMES = List.of("redis://", "rediss://", "redis-sentinel://", "rediss-sentinel://");

    private RedisUrl() {
    }

    static boolean isRedis(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return SCHEMES.stream().anyMatch(lower::startsWith) || lower.startsWith("redis-cluster://")
                || lower.startsWith("rediss-cluster://");
    }

    static RedisURI parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("redis-cluster://") || lower.startsWith("rediss-cluster://")
                || (!lower.contains("sentinel") && hosts(url).contains(","))) {
            throw clusterRefused(url);
        }
        try {
            // Lettuce reads "redis://host:abc" as a host named "host:abc": java.net.URI is stricter
            if (!lower.contains("sentinel") && URI.create(url).getHost() == null) {
                throw new IllegalArgumentException("no host and port");
            }
            return RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.broker: '" + redacted(url)
                    + "' is not a Redis URL (redis://host:port[/db], rediss://... or redis-sentinel://...): "
                    + e.getMessage(), e);
        }
    }

    /** Refuses a Redis that reports cluster mode in {@code INFO cluster}. */
    static void refuseCluster(String infoCluster) {
        if (infoCluster != null && infoCluster.contains("cluster_enabled:1")) {
            throw new IllegalArgumentException("parley.broker: this Redis runs in cluster mode; Parley does not "
                    + "support Redis Cluster yet. Use a single Redis (with replicas and Sentinel for failover)");
        }
    }

    private static IllegalArgumentException clusterRefused(String url) {
        return new IllegalArgumentException("parley.broker: '" + redacted(url) + "' names a Redis Cluster; Parley "
                + "does not support Redis Cluster yet. Use a single Redis (with replicas and Sentinel for failover)");
    }

    private static String hosts(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int at = rest.lastIndexOf('@');
        rest = at >= 0 ? rest.substring(at + 1) : rest;
        int slash = rest.indexOf('/');
        return slash >= 0 ? rest.substring(0, slash) : rest;
    }

    /** The URL without its password, for messages and logs. */
    static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
