package dev.parley.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {
    /** U+1D49C MATHEMATICAL SCRIPT CAPITAL A: a letter outside the BMP, two UTF-16 chars. */
    private static final String SCRIPT_A = new String(Character.toChars(0x1D49C));

    @Test
    void acceptsUnicodeLettersAndDigits() {
        assertTrue(Names.isValid("李雷"));
        assertTrue(Names.isValid("Ünal"));
        assertTrue(Names.isValid("room42"));
        assertTrue(Names.isValid("٣٤")); // Arabic-Indic digits
    }

    @Test
    void acceptsUnderscoreHyphenAndDot() {
        assertTrue(Names.isValid("bob.smith"));
        assertTrue(Names.isValid("bob_smith-2"));
        assertTrue(Names.isValid("."));
    }

    @Test
    void acceptsThirtyTwoCodePointsAndRefusesThirtyThree() {
        assertTrue(Names.isValid("a".repeat(32)));
        assertFalse(Names.isValid("a".repeat(33)));
    }

    @Test
    void countsASupplementaryLetterAsOneCodePoint() {
        assertTrue(Character.isLetter(0x1D49C));
        assertEquals(2, SCRIPT_A.length());
        assertTrue(Names.isValid(SCRIPT_A));
        assertTrue(Names.isValid(SCRIPT_A.repeat(32)), "32 code points in 64 chars");
        assertFalse(Names.isValid(SCRIPT_A.repeat(33)));
        assertTrue(Names.isValid("a".repeat(31) + SCRIPT_A));
    }

    @Test
    void refusesSpacesAndMarkup() {
        assertFalse(Names.isValid("a b"));
        assertFalse(Names.isValid("<b>"));
        assertFalse(Names.isValid(" alice"));
        assertFalse(Names.isValid("alice\n"));
        assertFalse(Names.isValid("a/b"));
        assertFalse(Names.isValid("a%20b"));
    }

    @Test
    void refusesEmptyAndNull() {
        assertFalse(Names.isValid(""));
        assertFalse(Names.isValid(null));
    }

    @Test
    void normalisesToNfcSoThatBothSpellingsAreOneName() {
        assertEquals("\u00e9", Names.normalized("e\u0301"));
        assertTrue(Names.isValid("e\u0301"));
        assertEquals(null, Names.normalized(null));
    }

    @Test
    void refusesASuperscriptDigitAndALeadingMark() {
        assertFalse(Names.isValid("x\u00b2"));
        assertFalse(Names.isValid("\u0301a"));
        assertTrue(Names.isValid("a\u0301"));
    }

    @Test
    void refusesEmoji() {
        assertFalse(Names.isValid("😀"));
        assertFalse(Names.isValid("bob😀"));
    }
}
