package dev.parley.broker.redis;

import dev.parley.broker.BoundedStateContract;
import dev.parley.broker.Broker;
import dev.parley.broker.BrokerSettings;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisBoundedStateTest extends BoundedStateContract {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();

    private RedisBroker redis;

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        redis = RedisBroker.connect(REDIS.server().url(), settings);
        return redis;
    }

    /** Redis expires keys by its own clock: the test waits. */
    @Override
    protected void pass(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void sweep() {
        redis.sweep();
    }
}
