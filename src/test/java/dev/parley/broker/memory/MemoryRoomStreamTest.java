package dev.parley.broker.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.Origin;
import dev.parley.broker.PresenceEvent;
import dev.parley.broker.RoomBus;
import dev.parley.broker.RoomEvent;
import dev.parley.broker.RoomMessage;
import dev.parley.broker.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoryRoomStreamTest {
    private final MutableClock clock = new MutableClock();
    private final MemoryBroker broker = new MemoryBroker(10, 10, Duration.ofDays(30), clock);
    private final RoomBus rooms = broker.rooms();

    @Test
    void aSubscriberGetsOnlyEventsPublishedAfterSubscribing() {
        rooms.publish("lobby", "alice", "before", new Origin("c1", null));
        List<RoomEvent> got = new ArrayList<>();
        Subscription subscription = rooms.subscribe("lobby", got::add);
        RoomMessage after = rooms.publish("lobby", "alice", "after", new Origin("c1", "r1"));
        rooms.enter("lobby", "bob");
        rooms.publish("kitchen", "alice", "other room", new Origin("c1", null));
        assertEquals(2, got.size());
        assertEquals(after, got.get(0));
        PresenceEvent join = (PresenceEvent) got.get(1);
        assertEquals("bob", join.name());
        assertTrue(join.joined());
        assertEquals(1, join.memberCount());
        assertEquals(after.seq() + 1, join.seq(), "presence shares the room's positions");

        subscription.close();
        rooms.publish("lobby", "alice", "after closing", new Origin("c1", null));
        assertEquals(2, got.size());
        subscription.close(); // twice is harmless
    }

    @Test
    void everySubscriberGetsEveryEvent() {
        List<RoomEvent> first = new ArrayList<>();
        List<RoomEvent> second = new ArrayList<>();
        rooms.subscribe("lobby", first::add);
        rooms.subscribe("lobby", second::add);
        rooms.publish("lobby", "alice", "hi", new Origin("c1", null));
        rooms.enter("lobby", "alice");
        assertEquals(2, first.size());
        assertEquals(first, second);
    }

    @Test
    void concurrentPublishersAreDeliveredInOneOrderNeverTwoAtOnce() throws InterruptedException {
        int publishers = 8;
        int perPublisher = 2_000;
        int announcers = 2;
        int perAnnouncer = 500;
        Queue<RoomEvent> first = new ConcurrentLinkedQueue<>();
        Queue<RoomEvent> second = new ConcurrentLinkedQueue<>();
        AtomicInteger delivering = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        rooms.subscribe("lobby", e -> {
            if (delivering.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            first.add(e);
            Thread.yield(); // widen the window in which a second delivery could overlap
            delivering.decrementAndGet();
        });
        rooms.subscribe("lobby", e -> {
            if (delivering.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            second.add(e);
            delivering.decrementAndGet();
        });

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<List<RoomMessage>> accepted = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            String from = "user" + p;
            List<RoomMessage> mine = new ArrayList<>();
            accepted.add(mine);
            threads.add(new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perPublisher; i++) {
                    mine.add(rooms.publish("lobby", from, from + ":" + i, new Origin(from, null)));
                }
            }));
        }
        for (int a = 0; a < announcers; a++) {
            String who = "announcer" + a;
            threads.add(new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < perAnnouncer; i++) {
                    if (i % 2 == 0) {
                        rooms.enter("lobby", who);
                    } else {
                        rooms.leave("lobby", who);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "a publisher did not finish");
        }

        // a publishing thread runs a bounded share of the deliveries; the broker's own threads carry on with the rest
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (first.size() < publishers * perPublisher + announcers * perAnnouncer && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, overlaps.get(), "two deliveries ran at once");
        List<RoomEvent> seen = List.copyOf(first);
        assertEquals(publishers * perPublisher + announcers * perAnnouncer, seen.size());
        assertEquals(seen, List.copyOf(second), "both subscribers saw one order");
        long last = 0;
        for (RoomEvent event : seen) {
            assertEquals(last + 1, event.seq(), "positions strictly increasing with no gap");
            last = event.seq();
        }
        for (List<RoomMessage> mine : accepted) {
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i - 1).seq() < mine.get(i).seq());
            }
        }
        int[] presence = new int[announcers];
        for (RoomEvent event : seen) {
            if (event instanceof PresenceEvent p) {
                int a = Integer.parseInt(p.name().substring("announcer".length()));
                assertEquals(presence[a] % 2 == 0, p.joined(), "an announcer's events in its order");
                presence[a]++;
            }
        }
    }

    @Test
    void aFailingSubscriberDoesNotCostTheOthersTheEvent() {
        List<RoomEvent> got = new ArrayList<>();
        rooms.subscribe("lobby", e -> {
            throw new IllegalStateException("a broken listener");
        });
        rooms.subscribe("lobby", got::add);
        rooms.publish("lobby", "alice", "hi", new Origin("c1", null));
        assertEquals(1, got.size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
