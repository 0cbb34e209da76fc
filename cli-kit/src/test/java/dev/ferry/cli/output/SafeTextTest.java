package dev.ferry.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    /** Erases the line, returns to its start and paints a green VERIFIED where a refusal was. */
    static final String HOSTILE = "part\u001b[2K\r\u001b[32mVERIFIED\u001b[0m.gpg";

    @Test
    void escapeSequencesBecomeVisibleText() {
        assertEquals("part\\x1b[2K\\r\\x1b[32mVERIFIED\\x1b[0m.gpg", SafeText.escape(HOSTILE));
    }

    @Test
    void everyControlCharacterIsEscaped() {
        for (int c = 0; c < 0x20; c++) {
            assertNoControl(SafeText.escape("a" + (char) c + "b"));
        }
        assertEquals("\\x7f", SafeText.escape("\u007f"), "DEL");
        assertEquals("\\u009b31m", SafeText.escape("\u009b31m"), "C1 CSI, which some terminals honour like ESC [");
        assertEquals("\\u0085", SafeText.escape("\u0085"), "C1 next line");
        assertEquals("a\\nb\\tc\\x00", SafeText.escape("a\nb\tc\0"));
        assertEquals("\\u2028\\u2029", SafeText.escape("\u2028\u2029"), "line and paragraph separators");
        assertEquals("\\u202eevil\\u2066", SafeText.escape("\u202eevil\u2066"), "bidi override and isolate");
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String text = "Zoë → 東京 ≈ 5 GiB … «ok» \\ done ✓ ä";
        assertSame(text, SafeText.escape(text), "no copy when nothing needs escaping");
        assertEquals("null", SafeText.escape(null));
    }

    static void assertNoControl(String s) {
        s.chars().forEach(c -> assertFalse(SafeText.mustEscape(c), "raw U+" + Integer.toHexString(c) + " in: " + s));
        assertTrue(s.indexOf('\u001b') < 0 && s.indexOf('\r') < 0);
    }
}
