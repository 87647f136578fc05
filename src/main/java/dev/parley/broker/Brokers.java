package dev.parley.broker;

import dev.parley.broker.memory.MemoryBroker;
import dev.parley.broker.redis.RedisBroker;
import java.time.Clock;
import java.time.Duration;

/** Builds the broker {@code parley.broker} names: {@code memory}, or the URL of a Redis. */
public final class Brokers {
    private Brokers() {
    }

    /** The broker with the given sizes and retention, and the defaults of {@link BrokerSettings} for the rest. */
    public static Broker open(String broker, int historySize, int inboxSize, Duration retention) {
        return open(broker, BrokerSettings.of(historySize, inboxSize, retention));
    }

    /**
     * @throws IllegalArgumentException for a value that names no broker Parley has, or a Redis Cluster
     * @throws IllegalStateException    when the Redis cannot be reached at start
     */
    public static Broker open(String broker, BrokerSettings settings) {
        if (broker.equals("memory")) {
            return new MemoryBroker(settings, Clock.systemUTC());
        }
        if (RedisBroker.accepts(broker)) {
            return RedisBroker.connect(broker, settings);
        }
        throw new IllegalArgumentException("parley.broker: unsupported broker '" + broker
                + "': use memory or redis://host:port[/db]");
    }
}
