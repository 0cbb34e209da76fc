package dev.ferry.importer.report;

import dev.ferry.cli.output.SafeText;

/**
 * HTML text escaping: every string that came from a store or a bundle goes through here before it reaches the page.
 * Control characters are first shown as the visible escapes of {@link SafeText} (the same as in the terminal and in
 * JSON), then the HTML specials become entities.
 */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        String visible = SafeText.escape(s);
        StringBuilder sb = new StringBuilder(visible.length() + 16);
        for (int i = 0; i < visible.length(); i++) {
            char c = visible.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
