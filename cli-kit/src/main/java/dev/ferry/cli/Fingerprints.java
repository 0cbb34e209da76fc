package dev.ferry.cli;

/** Fingerprint display shared by both tools' key commands. */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** "ABCD 1234 ..." in groups of four, with a wider gap in the middle, as gpg prints fingerprints. */
    public static String grouped(String fingerprint) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fingerprint.length(); i += 4) {
            if (i > 0) {
                b.append(i == 20 ? "  " : " ");
            }
            b.append(fingerprint, i, Math.min(i + 4, fingerprint.length()));
        }
        return b.toString();
    }
}
