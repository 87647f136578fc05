package dev.parley.broker.redis;

import dev.parley.broker.Broker;
import dev.parley.broker.StreamIdsContract;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisStreamIdsTest extends StreamIdsContract {
    @RegisterExtension
    static final RedisContracts REDIS = new RedisContracts();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return REDIS.broker(historySize, inboxSize, retention);
    }
}
