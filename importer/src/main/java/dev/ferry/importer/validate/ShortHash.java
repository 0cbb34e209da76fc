package dev.ferry.importer.validate;

/** Fingerprints shortened for table cells; differences always carry the full value. */
final class ShortHash {
    private ShortHash() {
    }

    static String of(String sha256) {
        return sha256 == null ? "none" : sha256.length() <= 12 ? sha256 : sha256.substring(0, 12) + "…";
    }
}
