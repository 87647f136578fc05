package dev.parley.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.ClientFrames;
import dev.parley.testing.RedisServer;
import dev.parley.testing.WsClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one Redis with a short lease (1 s, renewed every 300 ms); one is killed with SIGKILL while
 * messages flow. Its users are offline for the others as soon as Redis has read its closed connections, a
 * message sent to them waits in their inbox, its room members leave within the lease, each exactly once,
 * and the node started again under the same name brings none of them back.
 */
class NodeCrashIT {
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    /** Lease, a heartbeat for the reaper to notice, and room for a loaded 2-core machine. */
    private static final Duration REAP_BOUND = LEASE.plus(HEARTBEAT).plusSeconds(2);
    private static final List<String> VICTIMS = IntStream.range(0, 5).mapToObj(i -> "victim-" + i).toList();
    private static final List<String> VICTIM_USERS = List.of("crash-u0", "crash-u1", "crash-u2");

    private static RedisServer redis;
    private static NodeProcess a;
    private static NodeProcess b;
    private static NodeProcess c;

    @BeforeAll
    static void startCluster() {
        redis = RedisServer.start();
        CompletableFuture<NodeProcess> startA = CompletableFuture.supplyAsync(() -> start("crash-a", "a"));
        CompletableFuture<NodeProcess> startB = CompletableFuture.supplyAsync(() -> start("crash-b", "b"));
        c = start("crash-c", "c");
        a = startA.join();
        b = startB.join();
    }

    private static NodeProcess start(String name, String node) {
        Map<String, String> env = NodeProcess.settings(redis.url(), node);
        env.put("PARLEY_BROKER_LEASE", LEASE.toMillis() + "ms");
        env.put("PARLEY_BROKER_HEARTBEAT", HEARTBEAT.toMillis() + "ms");
        return NodeProcess.start(name, NodeProcess.Kind.TOMCAT, env);
    }

    @AfterAll
    static void stopCluster() {
        NodeProcess.closeAll(a, b, c, redis);
    }

    @Test
    void aKilledNodesUsersAreOfflineAndItsMembersLeaveOnceEach() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        RedisClient redisClient = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> admin = redisClient.connect()) {
            WsClient watchA = connect(clients, a, "ws/room/crash?name=watch-a");
            WsClient watchB = connect(clients, b, "ws/room/crash?name=watch-b");
            WsClient alice = connect(clients, a, "ws/user/crash-alice");
            alice.next("welcome");
            List<WsClient> senders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                senders.add(connect(clients, i % 2 == 0 ? a : b, "ws/room/crash?name=load-" + i));
            }
            for (String victim : VICTIMS) {
                connect(clients, c, "ws/room/crash?name=" + victim).next("welcome");
            }
            for (String user : VICTIM_USERS) {
                connect(clients, c, "ws/user/" + user).next("welcome");
            }
            for (WsClient watcher : List.of(watchA, watchB)) {
                watcher.next("welcome");
            }
            senders.forEach(s -> s.next("welcome"));

            AtomicInteger sent = new AtomicInteger();
            List<CompletableFuture<Void>> load = senders.stream().map(s -> CompletableFuture.runAsync(() -> {
                while (sending.get()) {
                    s.send(ClientFrames.message("load " + sent.incrementAndGet()).json());
                    sleep(5);
                }
            })).toList();
            alice.send(ClientFrames.message("before the crash").to("crash-u0").ref("before").json());
            assertEquals("delivered", alice.next("ack").getString("status"), "crash-u0 is online on C");
            sleep(500);

            c.kill();
            long killed = System.nanoTime();
            // Redis counts a dead node's subscription until its event loop has read the closed socket; a
            // message sent in that instant is acked delivered and stays pending (checked below)
            long dropped = awaitNoSubscriber(admin.sync(), VICTIM_USERS, killed + Duration.ofSeconds(2).toNanos());
            System.out.printf("Redis dropped the killed node's subscriptions %d µs after the kill%n",
                    (dropped - killed) / 1_000);
            for (String user : VICTIM_USERS) {
                alice.send(ClientFrames.message("after the crash").to(user).ref(user).json());
                JsonObject ack = alice.next("ack");
                assertEquals(user, ack.getString("ref"));
                assertEquals("stored", ack.getString("status"), user + " was only on the killed node");
            }

            Map<String, Integer> leavesA = new HashMap<>();
            Map<String, Integer> leavesB = new HashMap<>();
            awaitLeaves(watchA, leavesA, killed + REAP_BOUND.toNanos());
            awaitLeaves(watchB, leavesB, killed + REAP_BOUND.toNanos());
            System.out.printf("the killed node's members left, as seen from A and B, %d ms after the kill%n",
                    (System.nanoTime() - killed) / 1_000_000);
            for (Map<String, Integer> leaves : List.of(leavesA, leavesB)) {
                for (String victim : VICTIMS) {
                    assertEquals(1, leaves.getOrDefault(victim, 0),
                            victim + " left once within " + REAP_BOUND.toMillis() + " ms of the kill: " + leaves);
                }
            }

            c.restart();
            sleep(HEARTBEAT.multipliedBy(4).toMillis());
            sending.set(false);
            load.forEach(CompletableFuture::join);
            // what the watchers heard until now: no victim leaves twice, none comes back
            long quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            Map<String, Integer> joins = new HashMap<>();
            drain(watchA, leavesA, joins, quiet);
            drain(watchB, leavesB, joins, quiet);
            for (String victim : VICTIMS) {
                assertEquals(1, leavesA.get(victim), "left once as seen from A: " + leavesA);
                assertEquals(1, leavesB.get(victim), "left once as seen from B: " + leavesB);
                assertFalse(joins.containsKey(victim), "the restarted node revived " + victim);
            }

            for (NodeProcess node : List.of(a, b, c)) {
                try (WsClient late = WsClient.connect(node.base(), "ws/room/crash?name=late-" + node.name())) {
                    JsonObject welcome = late.next("welcome");
                    List<String> members = Received.members(welcome);
                    for (String victim : VICTIMS) {
                        assertFalse(members.contains(victim), victim + " in the roster on " + node + ": " + members);
                    }
                    assertEquals(2 + senders.size() + 1, welcome.getInt("memberCount"), welcome::toString);
                }
            }
            alice.send(ClientFrames.message("after the restart").to("crash-u1").ref("later").json());
            assertEquals("stored", alice.next("ack").getString("status"), "the restart brought no user back");
            for (String user : VICTIM_USERS) {
                try (WsClient back = WsClient.connect(a.base(), "ws/user/" + user)) {
                    int pending = back.next("welcome").getInt("pending");
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < pending; i++) {
                        texts.add(back.next("message").getString("text"));
                    }
                    assertTrue(texts.contains("after the crash"), user + "'s inbox on its return: " + texts);
                }
            }
            assertTrue(sent.get() > 0);
        } finally {
            sending.set(false);
            clients.forEach(WsClient::close);
            redisClient.shutdown();
        }
    }

    private static WsClient connect(List<WsClient> clients, NodeProcess node, String path) {
        WsClient client = WsClient.connect(node.base(), path);
        clients.add(client);
        return client;
    }

    /** Waits until no node is subscribed to any of the users' channels; returns when (nanoTime). */
    private static long awaitNoSubscriber(RedisCommands<String, String> redis, List<String> users, long deadline) {
        // the channel's name is Parley's (docs/SCALING.md, keys)
        String[] channels = users.stream().map(u -> "parley:{u:" + u + "}:events").toArray(String[]::new);
        while (true) {
            long now = System.nanoTime();
            Map<String, Long> counts = redis.pubsubNumsub(channels);
            if (counts.values().stream().allMatch(n -> n == 0)) {
                return now;
            }
            assertTrue(now < deadline, "Redis still counts subscribers of the killed node's users: " + counts);
            sleep(1);
        }
    }

    /** Reads the watcher's frames until every victim left or the deadline passed, counting leaves by name. */
    private static void awaitLeaves(WsClient watcher, Map<String, Integer> leaves, long deadline) {
        while (!leaves.keySet().containsAll(VICTIMS) && System.nanoTime() < deadline) {
            String text = watcher.pollText();
            if (text == null) {
                sleep(10);
                continue;
            }
            count(text, leaves, new HashMap<>());
        }
    }

    private static void drain(WsClient watcher, Map<String, Integer> leaves, Map<String, Integer> joins,
                              long until) {
        while (System.nanoTime() < until) {
            String text = watcher.pollText();
            if (text == null) {
                sleep(10);
            } else {
                count(text, leaves, joins);
            }
        }
    }

    private static void count(String text, Map<String, Integer> leaves, Map<String, Integer> joins) {
        JsonObject frame = Json.createReader(new StringReader(text)).readObject();
        String type = frame.getString("type");
        if (type.equals("leave")) {
            leaves.merge(frame.getString("user"), 1, Integer::sum);
        } else if (type.equals("join")) {
            joins.merge(frame.getString("user"), 1, Integer::sum);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
