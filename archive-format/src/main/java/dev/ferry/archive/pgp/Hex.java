package dev.ferry.archive.pgp;

import java.util.HexFormat;

/** Hex forms used by the format: lower-case for hashes, upper-case for fingerprints (as gpg prints them). */
public final class Hex {
    private Hex() {
    }

    public static String lower(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static String fingerprint(byte[] fingerprint) {
        return HexFormat.of().withUpperCase().formatHex(fingerprint);
    }

    /** The 16-hex-digit key id gpg prints. */
    public static String keyId(long keyId) {
        return String.format("%016X", keyId);
    }
}
