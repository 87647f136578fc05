package dev.parley.broker.memory;

import dev.parley.broker.Broker;
import dev.parley.broker.MessageDataContract;
import java.time.Duration;

class MemoryMessageDataTest extends MessageDataContract {
    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, new MutableClock());
    }
}
