package dev.parley.broker.memory;

import dev.parley.broker.Broker;
import dev.parley.broker.MessageIds;
import dev.parley.broker.RoomBus;
import dev.parley.broker.UserBus;
import java.time.Clock;
import java.time.Duration;

/**
 * The broker of a single node: everything in this JVM's memory, gone when it stops. The default;
 * several nodes need a shared broker instead.
 */
public final class MemoryBroker implements Broker {
    private final MemoryRooms rooms;
    private final MemoryUsers users;

    public MemoryBroker(int historySize, int inboxSize, Duration retention, Clock clock) {
        MessageIds ids = new MessageIds(Long.toString(clock.millis(), 36));
        this.rooms = new MemoryRooms(historySize, ids, clock);
        this.users = new MemoryUsers(inboxSize, retention, ids, clock);
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public boolean isUp() {
        return true;
    }

    @Override
    public RoomBus rooms() {
        return rooms;
    }

    @Override
    public UserBus users() {
        return users;
    }

    @Override
    public void sweep() {
        users.sweep();
    }

    @Override
    public long expired() {
        return users.expired();
    }

    @Override
    public long undelivered() {
        return users.undelivered();
    }

    /** Rooms and users with any state; for tests that check nothing is left behind. */
    public int topics() {
        return rooms.size() + users.size();
    }

    @Override
    public void close() {
        // nothing outside this JVM to let go of
    }
}
