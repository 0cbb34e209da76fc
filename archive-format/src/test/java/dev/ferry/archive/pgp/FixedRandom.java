package dev.ferry.archive.pgp;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A "random" source that yields a fixed sequence, so that two encryptors given equal instances draw equal session
 * keys, prefixes and ephemeral keys, and their messages can be compared byte for byte. Tests only.
 */
final class FixedRandom extends SecureRandom {
    private final Random sequence;

    FixedRandom(long seed) {
        this.sequence = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        sequence.nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int n) {
        byte[] seed = new byte[n];
        nextBytes(seed);
        return seed;
    }

    @Override
    public void setSeed(long seed) {
        // The sequence is fixed at construction; java.util.Random's constructor calls this before it exists.
    }

    @Override
    public void setSeed(byte[] seed) {
        // as above
    }
}
