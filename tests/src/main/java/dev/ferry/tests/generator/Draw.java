package dev.ferry.tests.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The one source of randomness of a generation part: ids, choices, timestamps and JSON, all from a seeded
 * {@link SplittableRandom}, so nothing depends on the clock or on {@code UUID.randomUUID()}.
 */
final class Draw {
    /** kea's timestamp migrations backfilled older rows with this instant (docs/reference/fred-stores.md §1). */
    static final OffsetDateTime BACKFILL = OffsetDateTime.of(2026, 5, 4, 15, 30, 0, 0, ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random;

    Draw(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream for one part of the dataset, so parts do not shift each other's values. */
    Draw split() {
        return new Draw(random.split());
    }

    SplittableRandom random() {
        return random;
    }

    /** A random (version 4) UUID in its dashed form: Keycloak ids, agent, tag and resource ids. */
    String uuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** {@code uuid4().hex}: document uids, banner names. */
    String hex32() {
        return uuid().replace("-", "");
    }

    String hex(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return HexFormat.of().formatHex(b);
    }

    String alphanumeric(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    int between(int lowInclusive, int highInclusive) {
        return random.nextInt(lowInclusive, highInclusive + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    <T> T pick(T[] from) {
        return from[random.nextInt(from.length)];
    }

    /** A moment in the months kea ran, with microseconds (PostgreSQL's precision); a tenth are backfilled rows. */
    OffsetDateTime time() {
        if (random.nextInt(10) == 0) {
            return BACKFILL;
        }
        return BACKFILL.plusSeconds(random.nextLong(120L * 24 * 3600)).plusNanos(random.nextInt(1_000_000) * 1000L)
                .truncatedTo(ChronoUnit.MICROS);
    }

    /** A moment after {@code from}, for updated_at. */
    OffsetDateTime after(OffsetDateTime from) {
        return random.nextInt(3) == 0 ? from : from.plusSeconds(random.nextLong(30L * 24 * 3600));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static ArrayNode array(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static String text(Object json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("generated JSON did not serialize", e);
        }
    }
}
