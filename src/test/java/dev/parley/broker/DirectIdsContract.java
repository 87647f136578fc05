package dev.parley.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Direct message ids and positions: unique, increasing, delivered in order. */
public abstract class DirectIdsContract extends BrokerContract {

    @Override
    protected int inboxSize() {
        return 100_000;
    }

    @Test
    public void idsAreUniqueAndIncreasingPerUser() {
        List<DirectMessage> toBob = new ArrayList<>();
        List<DirectMessage> toCarol = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            toBob.add(users.send("alice", "bob", "b" + i).message());
            toCarol.add(users.send("alice", "carol", "c" + i).message());
        }
        for (List<DirectMessage> stream : List.of(toBob, toCarol)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < stream.size(); i++) {
                assertEquals(i + 1, stream.get(i).seq());
                assertTrue(ids.add(stream.get(i).id()), stream.get(i).id());
            }
        }
    }

    @Test
    public void concurrentSendersGetUniqueIdsDeliveredInOrderOneAtATime() throws InterruptedException {
        int senders = 8;
        int perSender = 2_000;
        Queue<DirectMessage> live = new ConcurrentLinkedQueue<>();
        AtomicInteger delivering = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        users.subscribe("bob", m -> {
            if (delivering.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            live.add(m);
            Thread.yield();
            delivering.decrementAndGet();
        });
        users.online("bob");

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Queue<String> ids = new ConcurrentLinkedQueue<>();
        for (int s = 0; s < senders; s++) {
            String from = "sender" + s;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perSender; i++) {
                    ids.add(users.send(from, "bob", from + ":" + i).message().id());
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(thread.isAlive(), "a sender did not finish");
        }

        int total = senders * perSender;
        assertEquals(total, new HashSet<>(ids).size(), "ids unique");
        // a publishing thread runs a bounded share of the deliveries; the broker's own threads carry on with the rest
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (live.size() < senders * perSender && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, overlaps.get(), "two deliveries ran at once");
        List<DirectMessage> got = List.copyOf(live);
        assertEquals(total, got.size());
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i + 1, got.get(i).seq(), "delivered in the order accepted");
        }
    }
}
