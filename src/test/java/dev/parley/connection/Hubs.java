package dev.parley.connection;

import dev.parley.ops.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * Hubs for unit tests: {@link #generous()} for a test that is about something else, or
 * {@link #policy()} to tighten the one limit a test is about.
 */
public final class Hubs {
    private Hubs() {
    }

    /** A hub whose limits no unit test reaches by accident. */
    public static Hub generous() {
        return policy().hub();
    }

    /** Generous limits, to be changed one at a time. */
    public static Policy policy() {
        return new Policy();
    }

    /** A {@link ConnectionPolicy} under construction. */
    public static final class Policy {
        private int outboxFrames = 10_000;
        private long outboxBytes = 1 << 24;
        private int ratePerSecond = 1_000_000;
        private int rateBurst = 1_000_000;
        private int rateStrikes = 20;
        private int maxTotal = 10_000;
        private int maxPerAddress = 10_000;
        private int maxPerUser = 10;
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration pingTimeout = Duration.ofSeconds(60);
        private Duration closeTimeout = Duration.ofSeconds(10);

        public Policy outbox(int frames, long bytes) {
            this.outboxFrames = frames;
            this.outboxBytes = bytes;
            return this;
        }

        public Policy outboxFrames(int frames) {
            this.outboxFrames = frames;
            return this;
        }

        public Policy outboxBytes(long bytes) {
            this.outboxBytes = bytes;
            return this;
        }

        public Policy rate(int perSecond, int burst, int strikes) {
            this.ratePerSecond = perSecond;
            this.rateBurst = burst;
            this.rateStrikes = strikes;
            return this;
        }

        public Policy connections(int total, int perAddress) {
            this.maxTotal = total;
            this.maxPerAddress = perAddress;
            return this;
        }

        public Policy perUser(int max) {
            this.maxPerUser = max;
            return this;
        }

        public Policy heartbeat(Duration interval, Duration timeout, Duration close) {
            this.pingInterval = interval;
            this.pingTimeout = timeout;
            this.closeTimeout = close;
            return this;
        }

        public ConnectionPolicy build() {
            return new ConnectionPolicy(outboxFrames, outboxBytes, ratePerSecond, rateBurst, rateStrikes, maxTotal,
                    maxPerAddress, maxPerUser, pingInterval, pingTimeout, closeTimeout);
        }

        public Hub hub() {
            return hub(new Metrics(new SimpleMeterRegistry()));
        }

        /** A hub that reports to {@code metrics}, for a test that reads them. */
        public Hub hub(Metrics metrics) {
            return new Hub("test", build(), metrics);
        }
    }
}
