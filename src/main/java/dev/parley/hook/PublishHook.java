package dev.parley.hook;

import java.util.function.Consumer;

/**
 * Decides on a client's message before it is published. {@code then} gets the verdict, once: at once
 * when no hook is set, or later, on a thread of the hook's own, in the order the messages of one
 * {@link HookRequest#lane() lane} arrived.
 */
@FunctionalInterface
public interface PublishHook {

    /** No hook: every message is accepted as sent, at once, on the caller's thread. */
    PublishHook NONE = (request, then) -> then.accept(HookVerdict.accept(request));

    void screen(HookRequest request, Consumer<HookVerdict> then);
}
