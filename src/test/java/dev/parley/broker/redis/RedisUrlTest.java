package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class RedisUrlTest {

    @Test
    void takesRedisAndTlsAndSentinelUrls() {
        RedisURI plain = RedisUrl.parse("redis://cache.example:6380/2");
        assertEquals("cache.example", plain.getHost());
        assertEquals(6380, plain.getPort());
        assertEquals(2, plain.getDatabase());
        assertTrue(RedisUrl.parse("rediss://cache.example:6380").isSsl());
        assertEquals("parley", RedisUrl.parse("redis-sentinel://s1:26379,s2:26379#parley").getSentinelMasterId());
    }

    @Test
    void knowsWhichValuesNameARedis() {
        assertTrue(RedisUrl.isRedis("redis://localhost"));
        assertTrue(RedisUrl.isRedis("REDISS://localhost"));
        assertTrue(RedisUrl.isRedis("redis-cluster://a:7000"), "named so that it is refused with a reason");
        assertFalse(RedisUrl.isRedis("memory"));
        assertFalse(RedisUrl.isRedis("memcached://localhost"));
    }

    @Test
    void refusesAClusterUrl() {
        for (String url : new String[] {"redis-cluster://a:7000,b:7001", "redis://a:7000,b:7001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url));
            assertTrue(e.getMessage().startsWith("parley.broker: "), e.getMessage());
            assertTrue(e.getMessage().contains("Redis Cluster"), e.getMessage());
        }
    }

    @Test
    void refusesARedisThatReportsClusterMode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.refuseCluster("# Cluster\r\ncluster_enabled:1\r\n"));
        assertTrue(e.getMessage().contains("cluster mode"), e.getMessage());
        RedisUrl.refuseCluster("# Cluster\r\ncluster_enabled:0\r\n");
    }

    @Test
    void refusesAMalformedUrlNamingTheSetting() {
        for (String url : new String[] {"redis://", "redis://:notaport", "redis://host:abc", "redis://host:99999",
                                        "redis://host:6379/x", "redis://ho st:6379"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(url), url);
            assertTrue(e.getMessage().startsWith("parley.broker: '" + url + "' is not a Redis URL"), e.getMessage());
        }
    }

    @Test
    void keepsPasswordsOutOfMessages() {
        assertEquals("redis://***@cache:6379/0", RedisUrl.redacted("redis://user:secret@cache:6379/0"));
        assertEquals("redis://cache:6379", RedisUrl.redacted("redis://cache:6379"));
    }
}
