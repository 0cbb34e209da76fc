package dev.ferry.tests.openfga;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * ULID source: 48-bit millisecond time then 80 random bits, Crockford base32. Monotonic within one
 * emulator so that ids (stores, models, tuples, changes) sort in creation order as the server's do.
 */
final class Ulids {
    static final Pattern PATTERN = Pattern.compile("^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // 16 bits used
    private long randomLow;

    /** A new id strictly greater than every id this source returned before. */
    synchronized String next(Instant now) {
        long millis = Math.max(now.toEpochMilli(), lastMillis);
        if (millis == lastMillis) {
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
        } else {
            lastMillis = millis;
            randomHigh = random.nextInt(0x8000); // headroom so increments never overflow the 80 bits
            randomLow = random.nextLong();
        }
        return encode((millis << 16) | randomHigh, randomLow);
    }

    /** The smallest id of a millisecond: what the server compares start_time against. */
    static String floorOf(Instant instant) {
        return encode(instant.toEpochMilli() << 16, 0);
    }

    private static String encode(long high, long low) {
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | (high << 59);
            high >>>= 5;
        }
        return new String(out);
    }
}
