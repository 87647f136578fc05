package dev.parley.broker.redis;

import dev.parley.broker.BrokerUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Parley's Redis function library ({@code parley.lua}): loaded at start, loaded again when a Redis
 * that lost it (a restart without persistence) answers that a function is missing. A Redis that cannot
 * answer is a {@link BrokerUnavailableException}.
 */
final class Functions {
    private static final String LIBRARY = "parley.lua";

    private final RedisCommands<String, String> redis;
    private final String source;

    Functions(RedisCommands<String, String> redis) {
        this.redis = redis;
        this.source = read();
    }

    void load() {
        call(() -> redis.functionLoad(source, true));
    }

    /** Calls a function that answers a list (Redis's integers come back as {@link Long}). */
    List<Object> list(String function, String[] keys, String... args) {
        return fcall(function, ScriptOutputType.MULTI, keys, args);
    }

    /** Calls a function that answers one string. */
    String string(String function, String[] keys, String... args) {
        return fcall(function, ScriptOutputType.VALUE, keys, args);
    }

    private <T> T fcall(String function, ScriptOutputType type, String[] keys, String... args) {
        return call(() -> {
            try {
                return redis.fcall(function, type, keys, args);
            } catch (RedisCommandExecutionException e) {
                if (e.getMessage() == null || !e.getMessage().contains("Function not found")) {
                    throw e;
                }
                redis.functionLoad(source, true);
                return redis.fcall(function, type, keys, args);
            }
        });
    }

    /** Runs a command; Redis unreachable, timed out or refusing while disconnected means unavailable. */
    static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisCommandExecutionException e) {
            throw e; // Redis answered: a bug in Parley's functions, not an outage
        } catch (RedisException e) {
            throw new BrokerUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    private static String read() {
        try (InputStream in = Functions.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
