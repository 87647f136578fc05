package dev.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MarkerTest {
    @Test
    void aMarkerIsFoundInEveryServersFrame() {
        Marker m = new Marker(3, 7, 42, 123_456_789_012L);
        assertEquals(m, Marker.find("{\"type\":\"message\",\"id\":\"9\",\"from\":\"m7\",\"text\":\"" + m.text() + "\"}"));
        assertEquals(m, Marker.find("Guest12: " + m.text()));
        assertEquals(m, Marker.find(m.text()));
    }

    @Test
    void anotherRunsMarkerOrANameWithTheRunsIdIsNotOne() {
        assertNull(Marker.find("bm0abcx1x2x3x4x"));
        assertNull(Marker.find("{\"type\":\"join\",\"room\":\"fanout-" + Marker.ID + "\",\"user\":\"m1\"}"));
        assertNull(Marker.find(Marker.RUN + "1x2x"), "cut short");
        assertNull(Marker.find(Marker.RUN + "1xyx3x4x"), "not a number");
    }

    @Test
    void aNegativeDueTimeSurvives() {
        Marker m = new Marker(1, 0, 0, -5_000_000_000L);
        assertEquals(m, Marker.find(m.text()));
    }
}
