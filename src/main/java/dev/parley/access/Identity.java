package dev.parley.access;

import java.time.Instant;

/**
 * Who a client proved to be.
 *
 * @param user        the user id
 * @param displayName its name in rooms, or null when the token gave none that passes the name rule
 * @param expiresAt   when its token expires, or null when it has no token or the token no expiry
 * @param rooms       where it may join and speak
 */
public record Identity(String user, String displayName, Instant expiresAt, RoomGrants rooms) {

    /** A user the container authenticated: no token, no expiry, every room. */
    public static Identity principal(String user) {
        return new Identity(user, user, null, RoomGrants.ALL);
    }
}
