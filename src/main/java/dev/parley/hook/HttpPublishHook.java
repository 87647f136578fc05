package dev.parley.hook;

import dev.parley.ops.Metrics;
import dev.parley.wire.ErrorFrame;
import dev.parley.wire.TextRule;
import jakarta.json.bind.Jsonb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The publish hook over HTTP: each message is POSTed as JSON to the application, asynchronously, with at
 * most {@code inflight} calls under way (past that a message is refused at once with {@code unavailable},
 * counted as {@code busy}) and each bounded by the timeout. A call that fails (another status than 200, an
 * unreadable answer, a timeout, no connection) refuses with {@code unavailable}, or with
 * {@code acceptOnFailure} accepts the message as sent. Verdicts are handed on in each lane's arrival order.
 */
final class HttpPublishHook implements PublishHook {
    private static final System.Logger LOG = System.getLogger(HttpPublishHook.class.getName());

    private final HttpClient client;
    private final Jsonb jsonb;
    private final URI url;
    private final String key;
    private final Duration timeout;
    private final Semaphore inflight;
    private final boolean acceptOnFailure;
    private final TextRule textRule;
    private final Metrics metrics;
    private final SerialChain chain;
    private final ScheduledExecutorService executor;

    /** {@code executor}: the client's own, where answers are read, timeouts kept and verdicts handed on. */
    HttpPublishHook(HttpClient client, Jsonb jsonb, HookConfig config, TextRule textRule, Metrics metrics,
                    ScheduledExecutorService executor) {
        this.client = client;
        this.jsonb = jsonb;
        this.url = config.url();
        this.key = config.key();
        this.timeout = config.timeout();
        this.inflight = new Semaphore(config.inflight());
        this.acceptOnFailure = config.acceptOnFailure();
        this.textRule = textRule;
        this.metrics = metrics;
        this.chain = new SerialChain(executor);
        this.executor = executor;
    }

    @Override
    public void screen(HookRequest request, Consumer<HookVerdict> then) {
        chain.then(request.lane(), ask(request), then);
    }

    /** The verdict on {@code request}; never completes exceptionally. */
    CompletableFuture<HookVerdict> ask(HookRequest request) {
        if (!inflight.tryAcquire()) {
            metrics.hookCall("busy", Duration.ZERO);
            return CompletableFuture.completedFuture(HookVerdict.Refuse.unavailable());
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = client.sendAsync(post(request), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse<String>> call = sent;
        // the request's own timeout ends the wait for the answer's head; this one bounds the body as well
        CompletableFuture<HttpResponse<String>> bounded = call.copy();
        ScheduledFuture<?> timer;
        try {
            timer = executor.schedule(() -> bounded.completeExceptionally(new TimeoutException()),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the node is stopping
            inflight.release();
            call.cancel(true);
            return CompletableFuture.completedFuture(HookVerdict.Refuse.unavailable());
        }
        return bounded.handleAsync((response, failure) -> {
                    timer.cancel(false);
                    inflight.release();
                    if (failure != null) {
                        call.cancel(true);
                    }
                    Outcome outcome = judge(request, response, failure);
                    metrics.hookCall(outcome.result(), Duration.ofNanos(System.nanoTime() - start));
                    return outcome.verdict();
                }, executor);
    }

    private HttpRequest post(HookRequest request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonb.toJson(request), StandardCharsets.UTF_8));
        if (key != null) {
            post.header("Authorization", "Bearer " + key);
        }
        return post.build();
    }

    private Outcome judge(HookRequest request, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            boolean timedOut = cause instanceof TimeoutException || cause instanceof HttpTimeoutException;
            LOG.log(System.Logger.Level.WARNING, "The publish hook at {0} {1}: {2}", url,
                    timedOut ? "did not answer within " + timeout.toMillis() + " ms" : "could not be reached",
                    String.valueOf(cause));
            return failed(request, timedOut ? "timeout" : "error");
        }
        if (response.statusCode() != 200) {
            LOG.log(System.Logger.Level.WARNING, "The publish hook at {0} answered {1}", url, response.statusCode());
            return failed(request, "error");
        }
        HookVerdict verdict;
        try {
            verdict = HookAnswer.read(response.body(), request);
        } catch (HookAnswer.UnreadableAnswer e) {
            LOG.log(System.Logger.Level.WARNING, "The publish hook at {0} answered something unreadable: {1}", url,
                    e.getMessage());
            return failed(request, "error");
        }
        String result = HookAnswer.result(verdict, request);
        if (verdict instanceof HookVerdict.Accept accept && "changed".equals(result)) {
            Optional<ErrorFrame> refused = textRule.check(accept.text(), accept.data(), null);
            if (refused.isPresent()) {
                return new Outcome(new HookVerdict.Refuse(refused.get().code(),
                        "the message as the application changed it: " + refused.get().message()), result);
            }
        }
        return new Outcome(verdict, result);
    }

    private Outcome failed(HookRequest request, String result) {
        return new Outcome(acceptOnFailure ? HookVerdict.accept(request) : HookVerdict.Refuse.unavailable(), result);
    }

    /** A verdict and what the hook call came to, for metrics. */
    private record Outcome(HookVerdict verdict, String result) {
    }
}
