package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private final MessageIds ids = new MessageIds("m5x2k9q");

    @Test
    void formatsTheEpochAndThePosition() {
        assertEquals("m5x2k9q-42", ids.format(42));
    }

    @Test
    void parsesWhatItFormats() {
        for (long seq : new long[] {1, 2, 42, 1_000_000_007L, Long.MAX_VALUE}) {
            assertEquals(seq, ids.seqOf(ids.format(seq)));
        }
    }

    @Test
    void anIdOfAnotherEpochIsUnknown() {
        MessageIds other = new MessageIds("m5x2k9r");
        assertNotEquals(ids.format(7), other.format(7));
        assertEquals(-1, ids.seqOf(other.format(7)));
        assertEquals(-1, ids.seqOf("m5x2k9-7"), "a prefix of the epoch");
        assertEquals(-1, ids.seqOf("m5x2k9qq-7"), "the epoch with more after it");
        assertEquals(-1, new MessageIds("m5x2k9").seqOf("m5x2k9q-7"));
    }

    @Test
    void garbageIsUnknown() {
        for (String garbage : new String[] {"", "-", "7", "m5x2k9q", "m5x2k9q-", "m5x2k9q7", "m5x2k9q-x",
                "m5x2k9q-7x", "m5x2k9q-1.5", "m5x2k9q- 7", "m5x2k9q-99999999999999999999", "anything at all"}) {
            assertEquals(-1, ids.seqOf(garbage), garbage);
        }
        assertEquals(-1, ids.seqOf(null));
    }

    @Test
    void zeroAndNegativePositionsAreUnknown() {
        assertEquals(-1, ids.seqOf("m5x2k9q-0"));
        assertEquals(-1, ids.seqOf("m5x2k9q--1"));
        assertEquals(-1, ids.seqOf("m5x2k9q--42"));
        assertEquals(-1, ids.seqOf(ids.format(0)));
        assertEquals(-1, ids.seqOf(ids.format(-5)));
    }

    @Test
    void freshEpochsAreEightBase36CharactersAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String epoch = MessageIds.freshEpoch();
            assertTrue(epoch.matches("[0-9a-z]{8}"), epoch);
            assertTrue(seen.add(epoch), "a repeated epoch: " + epoch);
            assertEquals(7, new MessageIds(epoch).seqOf(epoch + "-7"));
        }
    }

    @Test
    void theEpochOfAnIdIsWhatComesBeforeItsLastDash() {
        assertEquals(Optional.of("m5x2k9q"), MessageIds.epochOf("m5x2k9q-42"));
        assertEquals(Optional.of("a-b"), MessageIds.epochOf("a-b-3"));
        assertEquals(Optional.empty(), MessageIds.epochOf("42"));
        assertEquals(Optional.empty(), MessageIds.epochOf("-42"));
        assertEquals(Optional.empty(), MessageIds.epochOf(null));
    }
}
