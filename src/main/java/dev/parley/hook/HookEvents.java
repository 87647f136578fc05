package dev.parley.hook;

import dev.parley.ops.Metrics;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Events accepted on this node, POSTed to the application in batches by one thread of its own: a batch
 * goes when it has {@code batchSize} events or {@code linger} after its first one. Adding never waits:
 * past the queue's capacity an event is dropped and counted. A batch that fails (no connection, a status
 * other than 2xx, a timeout) is tried again after the {@link Backoff}'s waits, then given up and counted.
 * On {@link #close} what is queued is posted once more, within the timeout, and the thread ends.
 */
public final class HookEvents implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HookEvents.class.getName());
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HttpClient client;
    private final Jsonb jsonb;
    private final URI url;
    private final String key;
    private final Duration timeout;
    private final int batchSize;
    private final Duration linger;
    private final Backoff backoff;
    private final Metrics metrics;
    private final BlockingQueue<HookEvent> queue;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread poster;

    HookEvents(HttpClient client, Jsonb jsonb, HookConfig config, int batchSize, Duration linger, Backoff backoff,
               Metrics metrics) {
        this.client = client;
        this.jsonb = jsonb;
        this.url = config.eventsUrl();
        this.key = config.key();
        this.timeout = config.timeout();
        this.batchSize = batchSize;
        this.linger = linger;
        this.backoff = backoff;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(config.eventsQueue());
        metrics.gauge("parley.hook.events.queued", "Events waiting to be posted to the events URL", queue::size);
        // registered at once, so they read 0 rather than nothing
        metrics.hookEventsSent(0);
        metrics.hookEventsFailed(0);
        metrics.hookEventsDropped(0);
        this.poster = new Thread(this::run, "parley-hook-events");
        poster.setDaemon(true);
        poster.start();
    }

    /** Queues {@code event} for posting, or drops it when the queue is full. Never waits. */
    public void add(HookEvent event) {
        if (!queue.offer(event)) {
            metrics.hookEventsDropped(1);
        }
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }

    private void run() {
        List<HookEvent> batch = new ArrayList<>(batchSize);
        try {
            while (!(stopping() && queue.isEmpty())) {
                if (collect(batch)) {
                    deliver(batch);
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            metrics.hookEventsFailed(batch.size() + queue.size());
            queue.clear();
        }
    }

    /** Waits for a first event, then for more up to the batch size or the linger: true when it has any. */
    private boolean collect(List<HookEvent> batch) throws InterruptedException {
        HookEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        long end = System.nanoTime() + linger.toNanos();
        while (batch.size() < batchSize && !stopping()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            // in slices, so that a stop posts at once instead of after the rest of the linger
            HookEvent next = queue.poll(Math.min(left, STOP_CHECK_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
        queue.drainTo(batch, batchSize - batch.size());
        return true;
    }

    private void deliver(List<HookEvent> batch) throws InterruptedException {
        String body = jsonb.toJson(new EventBatch(batch));
        for (int failed = 0; ; ) {
            if (post(body)) {
                metrics.hookEventsSent(batch.size());
                return;
            }
            failed++;
            if (stopping() || !backoff.retries(failed)) {
                LOG.log(System.Logger.Level.WARNING, "Gave up posting {0} events to {1} after {2} tries",
                        batch.size(), url, failed);
                metrics.hookEventsFailed(batch.size());
                return;
            }
            // a stop ends the wait early: what is queued is then tried once more
            stop.await(backoff.after(failed).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean post(String body) throws InterruptedException {
        HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            post.header("Authorization", "Bearer " + key);
        }
        try {
            int status = client.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return true;
            }
            LOG.log(System.Logger.Level.WARNING, "The events URL {0} answered {1}", url, status);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "The events URL {0} could not be reached: {1}", url, String.valueOf(e));
        }
        return false;
    }

    /** Whether its thread still runs. */
    boolean running() {
        return poster.isAlive();
    }

    /** Events waiting to be posted. */
    int queued() {
        return queue.size();
    }

    /**
     * Posts what is queued once more and ends the thread: waits up to twice the timeout for that, then
     * interrupts it.
     */
    @Override
    public void close() {
        stop.countDown();
        try {
            poster.join(2 * timeout.toMillis() + 1_000);
            if (poster.isAlive()) {
                poster.interrupt();
                poster.join(1_000);
            }
        } catch (InterruptedException e) {
            poster.interrupt();
            Thread.currentThread().interrupt();
        }
    }
}
