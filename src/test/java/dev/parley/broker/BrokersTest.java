package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokersTest {

    @Test
    void memoryIsTheInProcessBroker() {
        try (Broker broker = Brokers.open("memory", 10, 10, Duration.ofDays(1))) {
            assertEquals("memory", broker.kind());
        }
    }

    @Test
    void anUnknownBrokerIsRefusedNamingTheSetting() {
        for (String value : new String[] {"", "Memory", "kafka://localhost:9092", "localhost:6379"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Brokers.open(value, 10, 10, Duration.ofDays(1)));
            assertTrue(e.getMessage().startsWith("parley.broker: unsupported broker"), e.getMessage());
        }
    }

    @Test
    void aRedisThatIsNotThereStopsTheStartWithAMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Brokers.open("redis://127.0.0.1:1", 10, 10, Duration.ofDays(1)));
        assertTrue(e.getMessage().startsWith("parley.broker: cannot reach Redis at redis://127.0.0.1:1"),
                e.getMessage());
    }
}
