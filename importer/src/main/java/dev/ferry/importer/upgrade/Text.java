package dev.ferry.importer.upgrade;

/** Text helpers for swift's bounded columns. */
public final class Text {
    private Text() {
    }

    /**
     * The first {@code max} characters as PostgreSQL counts them (code points), never splitting a surrogate pair:
     * {@code varchar(n)} bounds code points, not Java chars.
     */
    public static String truncate(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
