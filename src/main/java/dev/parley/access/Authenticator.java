package dev.parley.access;

import java.security.Principal;

/**
 * Decides who a connecting client is. A user the container authenticated is that user. Otherwise, with
 * an auth secret set, a valid token is required and its subject is the user; without one, nobody is
 * asked to prove anything.
 */
public final class Authenticator {
    private final TokenVerifier verifier;

    /** {@code verifier} null: authentication is off. */
    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The proven identity, or null when authentication is off and the container knows nobody. */
    public String identify(String token, Principal principal) {
        if (principal != null && principal.getName() != null) {
            return principal.getName();
        }
        return verifier == null ? null : verifier.subject(token);
    }
}
