package dev.parley.broker.memory;

import dev.parley.broker.Broker;
import dev.parley.broker.DirectEvictionContract;
import java.time.Duration;

class MemoryDirectEvictionTest extends DirectEvictionContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, clock);
    }
}
