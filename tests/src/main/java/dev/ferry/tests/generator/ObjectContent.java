package dev.ferry.tests.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The bytes of a generated object, produced on the fly from its seed. Text types get text; everything else gets
 * blocks that open with a line of text and continue with random bytes, so the data is mostly incompressible (as
 * real PDFs and images are) yet not uniform noise.
 */
public final class ObjectContent {
    private static final int BLOCK = 64 * 1024;
    private static final int TEXT_PREFIX = 256;
    private static final String[] WORDS = ("la politique de congés s'applique à tous les salariés the quarterly report "
            + "summarises revenue risk and compliance findings données analyse 数据 报告 équipe sécurité — annexe "
            + "procedure budget contrat réunion decision owner review approved draft final version").split(" ");

    private ObjectContent() {
    }

    /** A fresh stream of exactly {@code spec.size()} bytes; the same spec always gives the same bytes. */
    public static InputStream open(ObjectSpec spec) {
        return new Generated(spec.size(), spec.seed(), isText(spec.contentType()));
    }

    /** Lowercase hex SHA-256 of the object's bytes, computed by streaming them. */
    public static String sha256(ObjectSpec spec) {
        try (InputStream in = open(spec)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BLOCK];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static boolean isText(String contentType) {
        return contentType.startsWith("text/") || contentType.endsWith("json") || contentType.endsWith("yaml");
    }

    private static final class Generated extends InputStream {
        private final SplittableRandom random;
        private final boolean text;
        private final byte[] block = new byte[BLOCK];
        private long remaining;
        private int position;
        private int limit;

        Generated(long size, long seed, boolean text) {
            this.remaining = size;
            this.random = new SplittableRandom(seed);
            this.text = text;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position == limit && !refill()) {
                return -1;
            }
            int n = Math.min(length, limit - position);
            System.arraycopy(block, position, target, offset, n);
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = 0;
            while (skipped < n && (position < limit || refill())) {
                int step = (int) Math.min(n - skipped, limit - position);
                position += step;
                skipped += step;
            }
            return skipped;
        }

        @Override
        public int available() {
            return limit - position;
        }

        private boolean refill() {
            if (remaining == 0) {
                return false;
            }
            int size = (int) Math.min(BLOCK, remaining);
            int filled = fillText(text ? size : Math.min(TEXT_PREFIX, size));
            for (int i = filled; i < size; i += 8) {
                long bits = random.nextLong();
                for (int b = 0; b < 8 && i + b < size; b++) {
                    block[i + b] = (byte) (bits >>> (8 * b));
                }
            }
            remaining -= size;
            position = 0;
            limit = size;
            return true;
        }

        private int fillText(int size) {
            int at = 0;
            while (at < size) {
                byte[] word = (WORDS[random.nextInt(WORDS.length)] + (random.nextInt(12) == 0 ? "\n" : " "))
                        .getBytes(StandardCharsets.UTF_8);
                int n = Math.min(word.length, size - at);
                System.arraycopy(word, 0, block, at, n);
                at += n;
            }
            return at;
        }
    }
}
