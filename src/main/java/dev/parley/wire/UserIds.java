package dev.parley.wire;

/**
 * The rule for user ids, which an identity provider may make opaque ({@code auth0|5f7c}, a UUID, an e-mail
 * address): 1 to 255 characters, none of them a control character.
 */
public final class UserIds {
    public static final int MAX_LENGTH = 255;

    private UserIds() {
    }

    public static boolean isValid(String user) {
        if (user == null || user.isEmpty() || user.codePointCount(0, user.length()) > MAX_LENGTH) {
            return false;
        }
        return user.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.SURROGATE);
    }
}
