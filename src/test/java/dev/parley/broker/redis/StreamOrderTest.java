package dev.parley.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The order kept on one channel, against a stream held in plain objects. */
class StreamOrderTest {
    /** A stream: its epoch, its position, what it still keeps (messages), and what trimming dropped. */
    private static final class Stream implements StreamSource<String> {
        String epoch = "e1";
        long seq;
        long dropped;
        final TreeMap<Long, Stamped<String>> kept = new TreeMap<>();
        final List<String> renewed = new ArrayList<>();

        Stamped<String> message(String text) {
            seq++;
            Stamped<String> event = new Stamped<>(epoch, seq, seq * 10, text);
            kept.put(seq, event);
            return event;
        }

        Stamped<String> presence(String text) {
            seq++;
            return new Stamped<>(epoch, seq, seq * 10, text);
        }

        @Override
        public String meta() {
            return "meta";
        }

        @Override
        public Stamped<String> decode(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Fill<String> since(long after, long before) {
            long upper = before > 0 ? before : Long.MAX_VALUE;
            List<Stamped<String>> events = after >= upper - 1 ? List.of()
                    : List.copyOf(kept.subMap(after, false, upper, false).values());
            return new Fill<>(epoch, seq, dropped, events);
        }

        @Override
        public String renew(String seen) {
            renewed.add(seen);
            if (epoch.equals(seen)) {
                epoch = seen + "'";
            }
            return epoch;
        }
    }

    private final Stream stream = new Stream();
    private final List<String> delivered = new ArrayList<>();
    private int lost;
    private final StreamOrder<String> order = new StreamOrder<>("test", stream, delivered::add, () -> lost++);

    @Test
    void eventsInOrderAreDeliveredAsTheyCome() {
        order.received(stream.message("m1"));
        order.received(stream.presence("p2"));
        order.received(stream.message("m3"));
        assertEquals(List.of("m1", "p2", "m3"), delivered);
        assertEquals(0, lost);
    }

    @Test
    void aGapIsFilledFromTheStreamBeforeTheEventAndMissedPresenceIsSkipped() {
        order.received(stream.message("m1"));
        stream.message("m2");
        stream.presence("p3");
        stream.message("m4");
        order.received(stream.message("m5"));
        assertEquals(List.of("m1", "m2", "m4", "m5"), delivered);
        assertEquals(0, lost);
    }

    @Test
    void aLateCopyOfAFilledEventIsDroppedAndRenewsNothing() {
        order.received(stream.message("m1"));
        Stamped<String> late = stream.message("m2");
        order.received(stream.message("m3"));
        order.received(late);
        assertEquals(List.of("m1", "m2", "m3"), delivered);
        assertEquals(List.of(), stream.renewed);
        assertEquals(0, lost);
    }

    @Test
    void aPositionGivenAgainAtALaterTimeRenewsTheEpochOnceAndIsLost() {
        order.received(stream.message("m1"));
        order.received(stream.message("m2"));
        order.received(stream.message("m3"));
        stream.seq = 1; // the store came back with the first message only
        stream.kept.tailMap(2L).clear();
        Stamped<String> reused = new Stamped<>("e1", 2, 1000, "m2 again");
        order.received(reused);
        assertEquals(List.of("e1"), stream.renewed);
        assertEquals(1, lost);
        assertEquals(List.of("m1", "m2", "m3"), delivered, "the reused position is not delivered as if new");
        order.received(stream.message("next"));
        assertEquals("next", delivered.get(delivered.size() - 1), "delivery goes on in the new epoch");
        assertEquals(1, lost);
    }

    @Test
    void aGapIntoWhatTheStreamNoLongerKeepsIsLostAndDeliveryGoesOn() {
        order.received(stream.message("m1"));
        stream.message("m2");
        stream.message("m3");
        stream.kept.remove(2L);
        stream.dropped = 2;
        order.received(stream.message("m4"));
        assertEquals(1, lost);
        assertEquals(List.of("m1", "m4"), delivered, "nothing of the hole is filled half");
    }

    @Test
    void anotherEpochOnAnEventIsLost() {
        order.received(stream.message("m1"));
        stream.epoch = "e2";
        stream.seq = 0;
        order.received(stream.message("n1"));
        assertEquals(1, lost);
        assertEquals(List.of("m1", "n1"), delivered);
    }

    @Test
    void aCheckFillsAQuietStreamAndThenHasNothingToDo() {
        order.received(stream.message("m1"));
        stream.message("m2");
        stream.presence("p3");
        assertFalse(order.caughtUp(stream.epoch, stream.seq));
        order.check();
        assertEquals(List.of("m1", "m2"), delivered);
        assertTrue(order.caughtUp(stream.epoch, stream.seq), "the skipped presence counts as checked");
        assertEquals(0, lost);
    }

    @Test
    void aCheckThatFindsTheStreamBehindRenewsItsEpoch() {
        order.received(stream.message("m1"));
        order.received(stream.message("m2"));
        stream.seq = 1;
        order.check();
        assertEquals(List.of("e1"), stream.renewed);
        assertEquals(1, lost);
    }

    @Test
    void aCheckOfAStreamThatIsGoneIsLost() {
        order.received(stream.message("m1"));
        stream.epoch = "";
        stream.seq = 0;
        stream.kept.clear();
        order.check();
        assertEquals(1, lost);
        assertEquals(null, order.last(), "the next event starts the order again");
    }

    @Test
    void theStartingPositionMakesTheFirstEventAfterAGapAGap() {
        stream.message("m1");
        order.start(stream.epoch, stream.seq);
        stream.message("m2");
        order.received(stream.message("m3"));
        assertEquals(List.of("m2", "m3"), delivered);
    }
}
