package dev.ferry.cli.output;

/**
 * The one rule for text that leaves Ferry: every control character is shown escaped, never sent as is.
 *
 * <p>Text from a bundle or a store (part file names, entry and member names, object keys, user names, server
 * messages) may hold anything. Printed raw, one crafted name can erase the line it stands on and paint a green
 * "VERIFIED" where a refusal was, or start a fake line of its own. So every character that can move the cursor,
 * change the terminal's state or reorder what is displayed is written as a visible escape instead:
 * C0 (including tab, newline and carriage return) and DEL as {@code \t}, {@code \n}, {@code \r} or {@code \x1b};
 * C1, the Unicode line and paragraph separators and the bidirectional embeddings, overrides and isolates as
 * {@code \u009b}. Escaping ESC itself defuses every ESC-introduced sequence (CSI, OSC, ...): what follows it is plain
 * printable text. Everything else, printable Unicode included, is kept as it is.
 *
 * <p>The terminal writer, the JSON writer and the HTML report all decide with {@link #mustEscape}.
 */
public final class SafeText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SafeText() {
    }

    /** True for the characters that are never written as they are. */
    public static boolean mustEscape(int c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
                || c == 0x2028 || c == 0x2029          // line and paragraph separators
                || (c >= 0x202a && c <= 0x202e)        // bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
                || (c >= 0x2066 && c <= 0x2069);       // bidi isolates (LRI, RLI, FSI, PDI)
    }

    /** The text with every character {@link #mustEscape} replaced by its visible escape; null becomes "null". */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "null";
        }
        int first = firstToEscape(text);
        if (first < 0) {
            return text.toString();
        }
        StringBuilder b = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (mustEscape(c)) {
                appendEscape(c, b);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static int firstToEscape(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (mustEscape(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void appendEscape(char c, StringBuilder b) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                if (c < 0x80) {
                    b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    b.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                            .append(HEX[c & 0xf]);
                }
            }
        }
    }
}
