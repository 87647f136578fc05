package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A room's one ordered stream of messages and presence events. */
public abstract class RoomStreamContract extends BrokerContract {

    @Test
    public void aSubscriberGetsOnlyEventsPublishedAfterSubscribing() {
        rooms.publish("lobby", "alice", "before", new Origin("c1", null));
        Received<RoomEvent> got = new Received<>();
        Subscription subscription = rooms.subscribe("lobby", got);
        RoomMessage after = rooms.publish("lobby", "alice", "after", new Origin("c1", "r1"));
        rooms.enter("lobby", "bob");
        rooms.publish("kitchen", "alice", "other room", new Origin("c1", null));
        RoomMessage marker = rooms.publish("lobby", "alice", "marker", new Origin("c1", null));
        List<RoomEvent> events = got.await(3);
        assertEquals(3, events.size(), "nothing from before subscribing, nothing from another room");
        assertEquals(after, events.get(0));
        PresenceEvent join = (PresenceEvent) events.get(1);
        assertEquals("bob", join.name());
        assertTrue(join.joined());
        assertEquals(1, join.memberCount());
        assertEquals(after.seq() + 1, join.seq(), "presence shares the room's positions");
        assertEquals(marker, events.get(2));

        subscription.close();
        rooms.publish("lobby", "alice", "after closing", new Origin("c1", null));
        Received<RoomEvent> later = new Received<>();
        rooms.subscribe("lobby", later);
        rooms.publish("lobby", "alice", "second marker", new Origin("c1", null));
        later.await(1);
        assertEquals(3, got.size(), "nothing after closing");
        subscription.close(); // twice is harmless
    }

    @Test
    public void everySubscriberGetsEveryEvent() {
        Received<RoomEvent> first = new Received<>();
        Received<RoomEvent> second = new Received<>();
        rooms.subscribe("lobby", first);
        rooms.subscribe("lobby", second);
        rooms.publish("lobby", "alice", "hi", new Origin("c1", null));
        rooms.enter("lobby", "alice");
        assertEquals(2, first.await(2).size());
        assertEquals(first.events(), second.await(2));
    }

    @Test
    public void concurrentPublishersAreDeliveredInOneOrderNeverTwoAtOnce() throws InterruptedException {
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

        int total = publishers * perPublisher + announcers * perAnnouncer;
        // deliveries may still be under way on the broker's own threads
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((first.size() < total || second.size() < total) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, overlaps.get(), "two deliveries ran at once");
        List<RoomEvent> seen = List.copyOf(first);
        assertEquals(total, seen.size());
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
    public void aFailingSubscriberDoesNotCostTheOthersTheEvent() {
        Received<RoomEvent> got = new Received<>();
        rooms.subscribe("lobby", e -> {
            throw new IllegalStateException("a broken listener");
        });
        rooms.subscribe("lobby", got);
        rooms.publish("lobby", "alice", "hi", new Origin("c1", null));
        rooms.publish("lobby", "alice", "again", new Origin("c1", null));
        assertEquals(2, got.await(2).size());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
