package dev.parley.broker.memory;

import dev.parley.broker.BoundedStateContract;
import dev.parley.broker.Broker;
import dev.parley.broker.BrokerSettings;
import java.time.Duration;

class MemoryBoundedStateTest extends BoundedStateContract {
    private final MutableClock clock = new MutableClock();
    private MemoryBroker memory;

    @Override
    protected Broker newBroker(BrokerSettings settings) {
        memory = new MemoryBroker(settings, clock);
        return memory;
    }

    @Override
    protected void pass(Duration time) {
        clock.advance(time);
    }

    @Override
    protected void sweep() {
        memory.sweep();
    }
}
