package dev.parley.hook;

import dev.parley.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The hook's settings, read once at start. The README lists them with their defaults.
 *
 * @param url             where each client message is POSTed before it is accepted, or null for no hook
 * @param key             sent as {@code Authorization: Bearer} to the hook and the events URL, or null
 * @param timeout         how long one hook call may take
 * @param inflight        hook calls under way at once on this node; past it a message is refused at once
 * @param acceptOnFailure whether a message the hook could not judge (timeout, error) is accepted
 * @param eventsUrl       where accepted messages, joins and leaves are POSTed in batches, or null
 * @param eventsQueue     events waiting to be posted; past it new events are dropped
 */
public record HookConfig(URI url, String key, Duration timeout, int inflight, boolean acceptOnFailure,
                         URI eventsUrl, int eventsQueue) {

    /** No hook and no events: the message path stays as it is without them. */
    public static final HookConfig NONE = new HookConfig(null, null, Duration.ofSeconds(2), 64, false, null, 10_000);

    public static HookConfig from(Settings s) {
        return new HookConfig(
                url(s, "parley.hook.url"),
                s.text("parley.hook.key", null),
                s.duration("parley.hook.timeout", Duration.ofSeconds(2)),
                s.positive("parley.hook.inflight", 64),
                failure(s.text("parley.hook.failure", "refuse")),
                url(s, "parley.hook.events"),
                s.positive("parley.hook.events.queue", 10_000));
    }

    private static boolean failure(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "refuse" -> false;
            case "accept" -> true;
            default -> throw new IllegalArgumentException("parley.hook.failure must be refuse or accept, not '"
                    + value + "'");
        };
    }

    private static URI url(Settings s, String name) {
        String value = s.text(name, null);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an http:// or https:// URL, not '" + value + "'");
    }
}
