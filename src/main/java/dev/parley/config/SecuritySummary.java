package dev.parley.config;

import java.util.List;
import java.util.Optional;

/**
 * What a node logs at start about its protection: one line with the effective security settings (never a
 * secret or a key), and the warning that goes with authentication being off.
 */
public final class SecuritySummary {
    private SecuritySummary() {
    }

    public static String line(ParleyConfig config) {
        return "Parley security: authentication " + config.auth().describe()
                + "; origins " + (config.origins().isEmpty() ? "this server's own only" : String.join(", ",
                        config.origins()))
                + "; server API key " + keys(config.apiKeys())
                + "; limits: " + config.maxConnections() + " connections, " + config.maxPerAddress()
                + " per address, " + config.maxPerUser() + " per user, " + config.rateLimit() + " frames/s (burst " + config.rateBurst() + "), frames up to "
                + config.maxFrameBytes() + " characters, texts up to " + config.maxTextLength() + " code points";
    }

    /** The warning to log with the line, when there is one. */
    public static Optional<String> warning(ParleyConfig config) {
        if (config.auth().enabled()) {
            return Optional.empty();
        }
        return Optional.of("Authentication is off (none of parley.auth.secret, parley.auth.key, parley.auth.jwks is set): anyone who can reach this node"
                + " and knows a user's name can open /ws/user/<name>, take the direct messages waiting for that user"
                + " and read those kept for parley.inbox.retention with since. Set one of them before real"
                + " users connect (docs/SECURITY.md).");
    }

    private static String keys(List<String> keys) {
        return switch (keys.size()) {
            case 0 -> "not set (keep /api/ internal)";
            case 1 -> "set";
            default -> "set (" + keys.size() + " keys)";
        };
    }
}
