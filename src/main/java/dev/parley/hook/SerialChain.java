package dev.parley.hook;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs actions in the order they were added for the same lane, each once its own answer has come, however
 * the answers come: the answers are awaited side by side, the actions one after the other. A lane with
 * nothing waiting costs nothing.
 */
final class SerialChain {
    private static final System.Logger LOG = System.getLogger(SerialChain.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final Executor executor;

    /** {@code executor}: where the actions run, each as its own task, so a long chain never recurses. */
    SerialChain(Executor executor) {
        this.executor = executor;
    }

    <T> void then(String lane, CompletionStage<T> answer, Consumer<T> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(lane, done);
        (previous == null ? DONE : previous)
                .thenCombineAsync(answer, (ignored, value) -> value, executor)
                .thenAccept(action)
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.log(System.Logger.Level.ERROR, "a step of lane " + lane + " failed", failure);
                    }
                    tails.remove(lane, done);
                    done.complete(null);
                });
    }

    /** Lanes with an action waiting or running. */
    int lanes() {
        return tails.size();
    }
}
