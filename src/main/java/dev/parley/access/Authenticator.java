package dev.parley.access;

import java.security.Principal;
import java.util.Optional;

/**
 * Decides who a connecting client is. A user the container authenticated is that user. Otherwise, with
 * authentication on, a valid token is required and names the user; without it, nobody is asked to prove
 * anything.
 */
public final class Authenticator {
    private final TokenVerifier verifier;

    /** {@code verifier} null: authentication is off. */
    public Authenticator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The proven identity; empty when authentication is off and the container knows nobody. */
    public Optional<Identity> identify(String token, Principal principal) {
        if (principal != null && principal.getName() != null) {
            return Optional.of(Identity.principal(principal.getName()));
        }
        return verifier == null ? Optional.empty() : Optional.of(verifier.verify(token));
    }

    /** Whether this node checks tokens (else only the container's users are known). */
    public boolean usesTokens() {
        return verifier != null;
    }

    /**
     * The identity {@code token} proves: for a handshake's token and for a fresh one sent on an open
     * connection alike.
     *
     * @throws AccessDenied when the token is refused, or when this node does not use tokens
     */
    public Identity verify(String token) {
        if (verifier == null) {
            throw new AccessDenied("tokens are not used on this node");
        }
        return verifier.verify(token);
    }
}
