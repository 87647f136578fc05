package dev.parley.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void standardAndParleysCloseCodesKeepTheirNumber() {
        for (int code : new int[] {1000, 1001, 1003, 1006, 1008, 1009, 1011, 1013, 4400, 4401, 4403, 4408, 4429}) {
            assertEquals(Integer.toString(code), Metrics.closeLabel(code));
        }
    }

    @Test
    void anyOtherCloseCodeIsOther() {
        for (int code : new int[] {1004, 1016, 2999, 3000, 4000, 4402, 4999, 0, -1, 65535}) {
            assertEquals("other", Metrics.closeLabel(code), Integer.toString(code));
        }
    }

    @Test
    void aThousandClientChosenCodesMakeOneSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics metrics = new Metrics(registry);
        for (int code = 4000; code < 5000; code++) {
            metrics.closed(code);
        }
        assertEquals(995.0, registry.get("parley.closes").tag("code", "other").counter().count());
        assertEquals(6, registry.find("parley.closes").counters().size(), "other, 4400, 4401, 4403, 4408 and 4429");
        assertFalse(registry.find("parley.closes").tag("code", "4999").counters().iterator().hasNext());
    }
}
