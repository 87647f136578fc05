package dev.parley.broker.redis;

import dev.parley.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real redis-server per test class, emptied (FLUSHALL) before every test, and brokers on it. A
 * contract's Redis subclass registers it with {@code @RegisterExtension static}.
 */
final class RedisContracts implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisClient client = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    RedisBroker broker(int historySize, int inboxSize, Duration retention) {
        return RedisBroker.connect(server.url(), historySize, inboxSize, retention);
    }

    RedisServer server() {
        return server;
    }
}
