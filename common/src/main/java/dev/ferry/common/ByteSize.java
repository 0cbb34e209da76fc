package dev.ferry.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints byte sizes as operators write them: "4294967295", "700M", "4G", "1.5GiB", "512k".
 * Suffixes are binary (K = 1024), with or without "i" and "B", in either case; a plain number is bytes.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private ByteSize() {
    }

    /**
     * @param text the size, e.g. "4G"
     * @return the number of bytes
     * @throws ConfigException if the text is not a size, or is zero, negative or too large
     */
    public static long parse(String text) {
        if (text == null) {
            throw bad("(nothing)");
        }
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw bad(text);
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 0;
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        String number = m.group(1);
        try {
            long bytes;
            if (number.contains(".")) {
                java.math.BigDecimal exact = new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(1L << shift));
                bytes = exact.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            } else {
                bytes = Math.multiplyExact(Long.parseLong(number), 1L << shift);
            }
            if (bytes <= 0) {
                throw bad(text);
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(text);
        }
    }

    /** A short human form, e.g. 4294967295 → "4.0 GiB", 700 → "700 B". */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static ConfigException bad(String text) {
        return new ConfigException("'" + text + "' is not a byte size",
                "write a positive whole number of bytes, optionally with a binary suffix K, M, G or T (e.g. 4294967295, 700M, 4G)");
    }
}
