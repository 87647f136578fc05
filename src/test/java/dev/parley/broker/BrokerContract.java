package dev.parley.broker;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every broker must do, whichever it is: a contract test builds the broker under test through
 * {@link #newBroker} and talks to it only through the {@link Broker} seam. Deliveries may arrive on
 * another thread, later than the call that caused them: tests wait for them with {@link Received}.
 */
public abstract class BrokerContract {
    /** Direct messages are kept this long unless a test says otherwise: long enough never to expire. */
    protected static final Duration RETENTION = Duration.ofDays(30);

    protected Broker broker;
    protected RoomBus rooms;
    protected UserBus users;

    /** A fresh broker with nothing in it. */
    protected abstract Broker newBroker(int historySize, int inboxSize, Duration retention);

    protected int historySize() {
        return 10;
    }

    protected int inboxSize() {
        return 10;
    }

    @BeforeEach
    void openBroker() {
        broker = newBroker(historySize(), inboxSize(), RETENTION);
        rooms = broker.rooms();
        users = broker.users();
    }

    @AfterEach
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }
}
