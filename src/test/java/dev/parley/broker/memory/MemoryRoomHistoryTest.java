package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.broker.Broker;
import dev.parley.broker.Origin;
import dev.parley.broker.Replay;
import dev.parley.broker.RoomHistoryContract;
import dev.parley.broker.RoomMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryRoomHistoryTest extends RoomHistoryContract {
    private final MutableClock clock = new MutableClock();

    @Override
    protected Broker newBroker(int historySize, int inboxSize, Duration retention) {
        return new MemoryBroker(historySize, inboxSize, retention, clock);
    }

    @Test
    void theTimeIsTheClocksExactTime() {
        RoomMessage first = rooms.publish("lobby", "alice", "hi", new Origin("c1", "r1"));
        assertEquals(Instant.parse("2025-03-01T10:00:00.123456Z"), first.ts(), "the clock's exact time, for latency");
    }

    @Test
    void sinceAnIdFromAnotherBrokerGivesTheNewestHistoryNotRecovered() {
        publish(5);
        clock.advance(Duration.ofSeconds(1)); // another broker: each of its streams has an epoch of its own
        MemoryBroker other = new MemoryBroker(historySize(), 10, Duration.ofDays(30), clock);
        try {
            RoomMessage foreign = null;
            for (int i = 0; i < 4; i++) {
                foreign = other.rooms().publish("lobby", "alice", "elsewhere", new Origin("c9", null));
            }
            Replay<RoomMessage> replay = rooms.snapshot("lobby", foreign.id(), Integer.MAX_VALUE).history();
            assertEquals(List.of("m3", "m4", "m5"), texts(replay));
            assertEquals(Boolean.FALSE, replay.recovered());
        } finally {
            other.close();
        }
    }
}
