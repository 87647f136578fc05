package dev.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.ClientFrames;
import dev.parley.testing.RedisServer;
import dev.parley.testing.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two Tomcat nodes on one Redis: rooms, presence, direct messages and resume across nodes. */
class TwoNodesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static RedisServer redis;
    private static NodeProcess a;
    private static NodeProcess b;

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.start();
        List<NodeProcess> pair = NodeProcess.tomcatPair("two", redis.url());
        a = pair.get(0);
        b = pair.get(1);
    }

    @AfterAll
    static void stopCluster() {
        NodeProcess.closeAll(a, b, redis);
    }

    @Test
    void sendersOnBothNodesProduceOneOrderForEveryMember() {
        int sendersPerNode = 10;
        int each = 20;
        List<WsClient> members = new ArrayList<>();
        try {
            members.add(WsClient.connect(a.base(), "ws/room/order?name=watch-a"));
            members.add(WsClient.connect(b.base(), "ws/room/order?name=watch-b"));
            List<WsClient> senders = new ArrayList<>();
            for (int i = 0; i < sendersPerNode; i++) {
                senders.add(WsClient.connect(a.base(), "ws/room/order?name=sa" + i));
                senders.add(WsClient.connect(b.base(), "ws/room/order?name=sb" + i));
            }
            members.addAll(senders);
            members.forEach(m -> m.next("welcome"));

            List<CompletableFuture<Void>> sending = senders.stream().map(s -> CompletableFuture.runAsync(() -> {
                for (int n = 0; n < each; n++) {
                    s.send(ClientFrames.message(s.uri().getQuery() + " #" + n).json());
                }
            })).toList();
            sending.forEach(CompletableFuture::join);

            int total = 2 * sendersPerNode * each;
            Set<String> expected = new HashSet<>();
            senders.forEach(s -> IntStream.range(0, each).forEach(n -> expected.add(s.uri().getQuery() + " #" + n)));
            List<String> first = null;
            for (WsClient member : members) {
                List<JsonObject> got = Received.next(member, "message", total, WAIT);
                List<String> ids = Received.ids(got);
                assertEquals(expected, new HashSet<>(Received.texts(got)), "every message at " + member);
                assertEquals(total, got.size());
                if (first == null) {
                    first = ids;
                } else {
                    assertEquals(first, ids, "the same order at " + member + " as at " + members.get(0));
                }
                member.expectNoFrame(Duration.ZERO);
            }
        } finally {
            members.forEach(WsClient::close);
        }
    }

    @Test
    void aJoinOnOneNodeIsSeenOnTheOther() {
        try (WsClient alice = WsClient.connect(a.base(), "ws/room/presence?name=alice")) {
            assertEquals(List.of("alice"), Received.members(alice.next("welcome")));
            try (WsClient bob = WsClient.connect(b.base(), "ws/room/presence?name=bob")) {
                JsonObject welcome = bob.next("welcome");
                assertEquals(Set.of("alice", "bob"), Set.copyOf(Received.members(welcome)));
                assertEquals(2, welcome.getInt("memberCount"));

                try (WsClient carol = WsClient.connect(a.base(), "ws/room/presence?name=carol")) {
                    assertEquals(3, carol.next("welcome").getInt("memberCount"));
                    assertEquals("join carol", presence(bob), "a join on A is seen on B");
                }
                assertEquals("leave carol", presence(bob), "a leave on A is seen on B");
                try (WsClient dave = WsClient.connect(b.base(), "ws/room/presence?name=dave")) {
                    JsonObject roster = dave.next("welcome");
                    assertEquals(Set.of("alice", "bob", "dave"), Set.copyOf(Received.members(roster)));
                    assertEquals(3, roster.getInt("memberCount"));
                }
                // dave's leave is through before bob goes, so that A sees them in that order
                assertEquals(List.of("join dave", "leave dave"), List.of(presence(bob), presence(bob)));
            }
            assertEquals(List.of("join bob", "join carol", "leave carol", "join dave", "leave dave", "leave bob"),
                    IntStream.range(0, 6).mapToObj(i -> presence(alice)).toList(), "A saw B's members come and go");
        }
    }

    /** The next join or leave, as "join bob". */
    private static String presence(WsClient client) {
        while (true) {
            JsonObject frame = client.next();
            String type = frame.getString("type");
            if (type.equals("join") || type.equals("leave")) {
                return type + " " + frame.getString("user");
            }
        }
    }

    @Test
    void guestNamesAreUniqueAcrossNodes() {
        List<CompletableFuture<WsClient>> opening = IntStream.range(0, 20).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> WsClient.connect((i % 2 == 0 ? a : b).base(), "ws/room/guests"))).toList();
        List<WsClient> guests = opening.stream().map(CompletableFuture::join).toList();
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            for (WsClient guest : guests) {
                String name = guest.next("welcome").getString("user");
                assertTrue(name.startsWith("guest-"), name);
                assertTrue(names.add(name), "guest name " + name + " given twice");
            }
            assertEquals(20, names.size());
        } finally {
            guests.forEach(WsClient::close);
        }
    }

    @Test
    void aDirectMessageToAUserOnTheOtherNodeIsDeliveredToEachOfItsDevices() {
        try (WsClient alice = WsClient.connect(a.base(), "ws/user/dm-alice");
             WsClient phone = WsClient.connect(a.base(), "ws/user/dm-bob");
             WsClient laptop = WsClient.connect(b.base(), "ws/user/dm-bob")) {
            alice.next("welcome");
            phone.next("welcome");
            laptop.next("welcome");
            alice.send(ClientFrames.message("to both devices").to("dm-bob").ref("d1").json());
            JsonObject ack = alice.next("ack");
            assertEquals("d1", ack.getString("ref"));
            assertEquals("delivered", ack.getString("status"));
            for (WsClient device : List.of(phone, laptop)) {
                JsonObject message = device.next("message");
                assertEquals(ack.getString("id"), message.getString("id"));
                assertEquals("dm-alice", message.getString("from"));
                assertEquals("to both devices", message.getString("text"));
            }

            laptop.send(ClientFrames.message("reply from B").to("dm-alice").ref("d2").json());
            assertEquals("delivered", laptop.next("ack").getString("status"));
            assertEquals("reply from B", alice.next("message").getString("text"));
            phone.expectNoFrame(Duration.ofMillis(200));
        }
    }

    @Test
    void aDirectMessageToAnOfflineUserIsStoredAndDeliveredOnEitherNode() {
        String toCarol;
        String toDave;
        try (WsClient alice = WsClient.connect(a.base(), "ws/user/inbox-alice");
             WsClient erin = WsClient.connect(b.base(), "ws/user/inbox-erin")) {
            alice.next("welcome");
            erin.next("welcome");
            alice.send(ClientFrames.message("for carol").to("inbox-carol").ref("s1").json());
            JsonObject stored = alice.next("ack");
            assertEquals("stored", stored.getString("status"));
            toCarol = stored.getString("id");
            erin.send(ClientFrames.message("for dave").to("inbox-dave").ref("s2").json());
            JsonObject storedFromB = erin.next("ack");
            assertEquals("stored", storedFromB.getString("status"));
            toDave = storedFromB.getString("id");
        }
        try (WsClient carol = WsClient.connect(b.base(), "ws/user/inbox-carol");
             WsClient dave = WsClient.connect(a.base(), "ws/user/inbox-dave")) {
            assertEquals(1, carol.next("welcome").getInt("pending"));
            assertEquals(toCarol, carol.next("message").getString("id"));
            assertEquals(1, dave.next("welcome").getInt("pending"));
            assertEquals(toDave, dave.next("message").getString("id"));
        }
        try (WsClient carolAgain = WsClient.connect(a.base(), "ws/user/inbox-carol")) {
            assertEquals(0, carolAgain.next("welcome").getInt("pending"), "delivered once, not again on the other node");
        }
    }

    @Test
    void aMemberResumesOnTheOtherNodeWithExactlyWhatItMissed() {
        try (WsClient writerA = WsClient.connect(a.base(), "ws/room/resume?name=writer-a");
             WsClient writerB = WsClient.connect(b.base(), "ws/room/resume?name=writer-b");
             WsClient steady = WsClient.connect(b.base(), "ws/room/resume?name=steady")) {
            writerA.next("welcome");
            writerB.next("welcome");
            steady.next("welcome");
            String last;
            try (WsClient mover = WsClient.connect(a.base(), "ws/room/resume?name=mover")) {
                mover.next("welcome");
                for (int i = 0; i < 3; i++) {
                    writerA.send(ClientFrames.message("before " + i).json());
                }
                List<JsonObject> seen = Received.next(mover, "message", 3, WAIT);
                last = seen.get(2).getString("id");
                for (WsClient member : List.of(writerA, writerB, steady)) {
                    Received.next(member, "message", 3, WAIT);
                }
            }
            for (int i = 0; i < 6; i++) {
                (i % 2 == 0 ? writerA : writerB).send(ClientFrames.message("missed " + i).json());
                for (WsClient writer : List.of(writerA, writerB)) {
                    assertEquals("missed " + i, writer.next("message").getString("text"));
                }
            }
            List<JsonObject> missed = Received.next(steady, "message", 6, WAIT);

            try (WsClient mover = WsClient.connect(b.base(), "ws/room/resume?name=mover&since=" + last)) {
                JsonObject welcome = mover.next("welcome");
                assertTrue(welcome.getBoolean("recovered"), welcome::toString);
                assertEquals(Received.ids(missed), Received.ids(welcome.getJsonArray("history")),
                        "exactly the messages sent while away, in order");
                assertEquals(IntStream.range(0, 6).mapToObj(i -> "missed " + i).toList(),
                        Received.texts(welcome.getJsonArray("history")));
                writerB.send(ClientFrames.message("after").json());
                JsonObject live = mover.next("message");
                assertEquals("after", live.getString("text"));
                assertFalse(Received.ids(missed).contains(live.getString("id")));
            }
        }
    }
}
