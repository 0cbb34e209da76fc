package dev.ferry.importer.objects;

import dev.ferry.common.LocalIoException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * What an objects load left in the Target buckets, kept on the Target side in
 * {@code <stateDir>/<bundleId>.objects.loaded}: one line per object, "{@code <target bucket>\t<key hash>\t<size>}".
 * Keys are document file names, so only a SHA-256 of each key is kept (as in validated-objects.tsv). A full bundle
 * loaded later over this one deletes, from these objects, those it does not carry, and checks first that they are
 * still there with these sizes (no one changed the Target in between).
 */
public final class LoadedObjects {
    private static final String SUFFIX = ".objects.loaded";

    /** target bucket → key hash → size */
    private final Map<String, Map<String, Long>> byBucket = new HashMap<>();

    public synchronized void add(String targetBucket, String key, long size) {
        byBucket.computeIfAbsent(targetBucket, b -> new HashMap<>()).put(keyHash(key), size);
    }

    public synchronized Map<String, Map<String, Long>> byBucket() {
        return byBucket;
    }

    public static String keyHash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the list next to the bundle's journal, atomically (a crash leaves the old list or the new one). */
    public void write(Path stateDir, String bundleId) {
        Path file = stateDir.resolve(bundleId + SUFFIX);
        Path tmp = stateDir.resolve(bundleId + SUFFIX + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Map<String, Long>> b : byBucket.entrySet()) {
                for (Map.Entry<String, Long> o : b.getValue().entrySet()) {
                    w.write(b.getKey() + "\t" + o.getKey() + "\t" + o.getValue() + "\n");
                }
            }
        } catch (IOException e) {
            throw LocalIoException.writing("the list of loaded objects", tmp, e, "make the state dir writable (stateDir in target.yaml), "
                    + "then re-run with --resume");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw LocalIoException.writing("the list of loaded objects", file, e, "make the state dir writable, then re-run with --resume");
        }
    }

    /** The list the load of {@code bundleId} left, or empty when it left none (a Ferry before this list). */
    public static Optional<LoadedObjects> read(Path stateDir, String bundleId) {
        Path file = stateDir.resolve(bundleId + SUFFIX);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        LoadedObjects l = new LoadedObjects();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t");
                if (f.length == 3) {
                    l.byBucket.computeIfAbsent(f[0], b -> new HashMap<>()).put(f[1], Long.parseLong(f[2]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new LocalIoException("cannot read " + file + ": " + e.getMessage(),
                    "restore the state dir from its backup (it is written by the load of bundle " + bundleId + ")", e);
        }
        return Optional.of(l);
    }
}
