package dev.parley.broker;

import dev.parley.broker.memory.MemoryBroker;
import dev.parley.broker.redis.RedisBroker;
import java.time.Clock;
import java.time.Duration;

/** Builds the broker {@code parley.broker} names: {@code memory}, or the URL of a Redis. */
public final class Brokers {
    private Brokers() {
    }

    /**
     * @throws IllegalArgumentException for a value that names no broker Parley has, or a Redis Cluster
     * @throws IllegalStateException    when the Redis cannot be reached at start
     */
    public static Broker open(String broker, int historySize, int inboxSize, Duration retention) {
        if (broker.equals("memory")) {
            return new MemoryBroker(historySize, inboxSize, retention, Clock.systemUTC());
        }
        if (RedisBroker.accepts(broker)) {
            return RedisBroker.connect(broker, historySize, inboxSize, retention);
        }
        throw new IllegalArgumentException("parley.broker: unsupported broker '" + broker
                + "': use memory or redis://host:port[/db]");
    }
}
