package dev.parley.broker;

import java.util.List;

/**
 * Messages a connection gets before its live stream.
 *
 * @param recovered null when no {@code since} was asked for; else whether everything after it was kept
 * @param covered   the stream position this answer is complete up to; live events up to it are dropped
 */
public record Replay<T>(List<T> messages, Boolean recovered, long covered) {
}
