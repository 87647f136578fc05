package dev.parley.wire;

import java.text.Normalizer;

/**
 * The rule for room names and display names (and, until they have their own, user names), the same as the
 * browser pages' {@code names.js}: normalised to NFC first, then 1 to 32 code points, each a letter, a
 * combining mark (not first), a decimal digit, {@code _}, {@code -} or {@code .}; the invisible Hangul
 * fillers, which are letters, are refused.
 */
public final class Names {
    public static final int MAX_LENGTH = 32;

    private Names() {
    }

    /** The NFC form of {@code name}, the form Parley keeps and compares names in; null stays null. */
    public static String normalized(String name) {
        return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    /** Whether {@code name}, once normalised to NFC, follows the rule. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String nfc = normalized(name);
        int count = 0;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            if (!(allowed(cp) || count > 0 && isMark(cp)) || ++count > MAX_LENGTH) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean allowed(int cp) {
        return Character.isLetter(cp) && !isFiller(cp) || Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER
                || cp == '_' || cp == '-' || cp == '.';
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Hangul fillers: letters by category that show nothing, so a name of them looks empty. */
    private static boolean isFiller(int cp) {
        return cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0;
    }
}
