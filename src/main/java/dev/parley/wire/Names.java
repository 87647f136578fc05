package dev.parley.wire;

/** The rule for room, user and display names: 1 to 32 letters, digits, {@code _}, {@code -} or {@code .}. */
public final class Names {
    public static final int MAX_LENGTH = 32;

    private Names() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        int count = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (!(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.')) {
                return false;
            }
            if (++count > MAX_LENGTH) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
