package dev.parley.hook;

import java.util.List;

/** The body of one POST to the events URL: {@code {"events":[...]}}, oldest first. */
public record EventBatch(List<HookEvent> events) {
}
