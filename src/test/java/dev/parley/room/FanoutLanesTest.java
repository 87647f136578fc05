package dev.parley.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.broker.memory.MemoryBroker;
import dev.parley.connection.Connection;
import dev.parley.connection.EndpointKind;
import dev.parley.connection.FakeTransport;
import dev.parley.connection.Hub;
import dev.parley.connection.Hubs;
import dev.parley.connection.Interruption;
import dev.parley.hook.PublishHook;
import dev.parley.wire.Inbound;
import dev.parley.wire.Limits;
import dev.parley.wire.TextRule;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A room past the lanes' threshold is written lane by lane, and every member still gets one order, whole. */
class FanoutLanesTest {
    private static final Limits LIMITS = new Limits(100, 8192, 4096, 1000, 1000);
    private final MemoryBroker broker = new MemoryBroker(1000, 10, Duration.ofDays(1), Clock.systemUTC());
    private final Hub hub = Hubs.generous();
    private final FanoutLanes lanes = FanoutLanes.of(3, 8);
    private final Rooms rooms = new Rooms(broker.rooms(), hub, new TextRule(100), 1000, LIMITS, PublishHook.NONE,
            Interruption.spread(), lanes);

    private record Member(Connection connection, FakeTransport transport) {
    }

    @AfterEach
    void close() {
        lanes.close();
        broker.close();
    }

    private Member join(String name) {
        FakeTransport transport = new FakeTransport();
        Connection connection = hub.open(transport, EndpointKind.ROOM, null, null);
        rooms.join(connection, "big", name, null);
        return new Member(connection, transport);
    }

    private static List<String> texts(Member m) {
        return m.transport().frames().stream().filter(f -> f.getString("type").equals("message"))
                .map(f -> f.getString("text")).toList();
    }

    private static void awaitCount(List<Member> members, int messages) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && members.stream().anyMatch(m -> texts(m).size() < messages)) {
            Thread.sleep(10);
        }
    }

    @Test
    void membersWhoJoinWhileTheRoomGrowsPastTheThresholdGetEverythingAfterTheirWelcomeInOrder()
            throws InterruptedException {
        List<Member> members = new ArrayList<>();
        Member speaker = join("speaker");
        members.add(speaker);
        int sent = 0;
        for (int i = 0; i < 40; i++) {
            members.add(join("m" + i));
            for (int k = 0; k < 5; k++) {
                rooms.receive(speaker.connection(), new Inbound.Message("t" + sent++, null, null, null));
            }
        }
        for (int k = 0; k < 300; k++) {
            rooms.receive(speaker.connection(), new Inbound.Message("t" + sent++, null, null, null));
        }
        int total = sent;
        awaitCount(List.of(members.get(members.size() - 1)), 300);
        Thread.sleep(200);
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            List<String> got = texts(m);
            int first = total - got.size();
            List<String> expected = IntStream.range(first, total).mapToObj(n -> "t" + n).toList();
            assertEquals(expected, got, m.connection().name() + " gets one unbroken run, in order, up to the last");
            int joinedAfter = i == 0 ? 0 : (i - 1) * 5;
            assertEquals(joinedAfter, first, m.connection().name() + " gets all after its welcome, nothing twice");
        }
    }

    @Test
    void theLaneThreadsDoWriteForALargeRoom() throws InterruptedException {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            members.add(join("m" + i));
        }
        String me = Thread.currentThread().getName();
        Map<String, Set<String>> writers = new ConcurrentHashMap<>();
        members.forEach(m -> m.transport().onSend(() -> writers.computeIfAbsent(m.connection().name(),
                name -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName())));
        for (int k = 0; k < 50; k++) {
            rooms.receive(members.get(0).connection(), new Inbound.Message("t" + k, null, null, null));
        }
        awaitCount(members, 50);
        assertTrue(members.stream().allMatch(m -> texts(m).size() == 50), "every member got all 50");
        // which pool thread takes a lane's turn is the pool's choice; that a member's lane is the fanning
        // thread's or the pool's is not
        long byFanningThread = writers.values().stream().filter(w -> w.equals(Set.of(me))).count();
        long byLaneThreads = writers.values().stream()
                .filter(w -> w.stream().allMatch(n -> n.startsWith("parley-fanout-"))).count();
        assertEquals(members.size(), byFanningThread + byLaneThreads,
                "each member is written by the fanning thread alone or by lane threads alone: " + writers);
        assertTrue(byFanningThread > 0 && byLaneThreads > 0, "both wrote: " + writers);
    }

    @Test
    void aSmallRoomIsWrittenByTheFanningThreadAlone() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            members.add(join("m" + i));
        }
        String me = Thread.currentThread().getName();
        Set<String> writers = ConcurrentHashMap.newKeySet();
        members.forEach(m -> m.transport().onSend(() -> writers.add(Thread.currentThread().getName())));
        rooms.receive(members.get(0).connection(), new Inbound.Message("hi", null, null, null));
        assertEquals(Set.of(me), writers);
        for (Member m : members) {
            List<JsonObject> frames = m.transport().frames();
            assertEquals("hi", frames.get(frames.size() - 1).getString("text"));
        }
    }
}
