package dev.ferry.stores.openfga;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The tuple-set fingerprint (docs/bundle-contents.md): SHA-256 of the tuples' fingerprint lines sorted by their UTF-8
 * bytes. Independent of read order and timestamps, so the Source's full set and the Target's set compare directly;
 * the importer feeds it the filtered set it wrote. Holds one short line per tuple (a few hundred KB for kea's volumes).
 */
public final class TupleSetFingerprint {
    private final List<byte[]> lines = new ArrayList<>();

    public synchronized void add(TupleRecord tuple) {
        lines.add(tuple.fingerprintLine().getBytes(StandardCharsets.UTF_8));
    }

    public synchronized long size() {
        return lines.size();
    }

    public synchronized String hex() {
        List<byte[]> sorted = new ArrayList<>(lines);
        sorted.sort(Arrays::compareUnsigned);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            sorted.forEach(d::update);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
