package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisServerTest {

    @Test
    void startsOnAFreeLoopbackPortAndStopsByItsPid() {
        RedisServer redis = RedisServer.start();
        long pid;
        try {
            assertTrue(redis.ping());
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.url());
            pid = redis.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            redis.close();
        }
        assertFalse(redis.isAlive());
        assertFalse(redis.ping(), "nothing answers on its port any more");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void twoServersGetTwoPorts() {
        try (RedisServer one = RedisServer.start(); RedisServer two = RedisServer.start(true)) {
            assertNotEquals(one.port(), two.port());
            assertTrue(one.ping());
            assertTrue(two.ping());
        }
    }
}
