package dev.parley.hook;

import dev.parley.broker.RoomBus;
import dev.parley.broker.UserBus;
import dev.parley.ops.Metrics;
import dev.parley.wire.TextRule;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hook and the events of one node, as its settings ask: with neither set, nothing is made (no HTTP
 * client, no thread) and the message path stays as without them. Both share one HTTP client, whose
 * work (and the hook's answers and timeouts) runs on two threads of its own.
 */
public final class Hooks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Hooks.class.getName());
    private static final int EVENTS_BATCH = 100;
    private static final Duration EVENTS_LINGER = Duration.ofSeconds(1);

    private final PublishHook publishHook;
    private final HookEvents events;
    private final ScheduledThreadPoolExecutor executor;
    private final HttpClient client;
    private final Jsonb jsonb;

    public Hooks(HookConfig config, TextRule textRule, Metrics metrics) {
        if (config.url() == null && config.eventsUrl() == null) {
            publishHook = PublishHook.NONE;
            events = null;
            executor = null;
            client = null;
            jsonb = null;
            return;
        }
        AtomicInteger n = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread t = new Thread(task, "parley-hook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.timeout())
                .executor(executor).build();
        jsonb = JsonbBuilder.create();
        publishHook = config.url() == null ? PublishHook.NONE
                : new HttpPublishHook(client, jsonb, config, textRule, metrics, executor);
        events = config.eventsUrl() == null ? null
                : new HookEvents(client, jsonb, config, EVENTS_BATCH, EVENTS_LINGER, Backoff.EVENTS, metrics);
        if (config.url() != null) {
            LOG.log(System.Logger.Level.INFO, "Client messages go to the publish hook at {0} before they are accepted",
                    config.url());
        }
        if (config.eventsUrl() != null) {
            LOG.log(System.Logger.Level.INFO, "Accepted messages, joins and leaves are posted to {0}",
                    config.eventsUrl());
        }
    }

    /** The publish hook, or {@link PublishHook#NONE} without {@code parley.hook.url}. */
    public PublishHook publishHook() {
        return publishHook;
    }

    /** {@code bus}, reporting what it accepts as events when {@code parley.hook.events} is set. */
    public RoomBus rooms(RoomBus bus) {
        return events == null ? bus : new ReportedRooms(bus, events);
    }

    /** {@code bus}, reporting what it accepts as events when {@code parley.hook.events} is set. */
    public UserBus users(UserBus bus) {
        return events == null ? bus : new ReportedUsers(bus, events);
    }

    /** Posts the events still queued (within the timeout), then stops the threads. */
    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (client instanceof AutoCloseable closeable) {
            // on Java 21 and later the client can be closed; before, its selector thread ends once it is unreferenced
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the hook's HTTP client", e);
            }
        }
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the hook's JSON-B", e);
            }
        }
    }
}
