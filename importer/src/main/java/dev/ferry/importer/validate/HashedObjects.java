package dev.ferry.importer.validate;

import dev.ferry.common.ConfigException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What validate has hashed on this Target: per object, its size, SHA-256 and the ETag the Target stated at that
 * time, in {@code <stateDir>/validated-objects.tsv} on the Target side. An object is named by the SHA-256 of its
 * bucket and key, never by its key (keys hold document file names). After the freeze load, an object that validate
 * hashed before and that the delta did not carry is checked by size and Target ETag only: if neither changed, no one
 * rewrote it, and its bytes are those hashed then. The file is append-only; a later line for an object wins.
 */
final class HashedObjects implements AutoCloseable {
    static final String FILE = "validated-objects.tsv";

    /** One hashed object as recorded. */
    record Hashed(long size, String sha256, String etag) {
    }

    private final Path file;
    private final Map<String, Hashed> known = new HashMap<>();
    private BufferedWriter out;

    private HashedObjects(Path file) {
        this.file = file;
    }

    /** The record in {@code stateDir}, read if present; null stateDir gives one that remembers nothing. */
    static HashedObjects open(Path stateDir) {
        HashedObjects h = new HashedObjects(stateDir == null ? null : stateDir.resolve(FILE));
        if (h.file != null && Files.exists(h.file)) {
            try (var lines = Files.lines(h.file, StandardCharsets.UTF_8)) {
                lines.map(l -> l.split("\t")).filter(f -> f.length == 4)
                        .forEach(f -> h.known.put(f[0], new Hashed(Long.parseLong(f[1]), f[2], f[3])));
            } catch (IOException | NumberFormatException e) {
                throw new ConfigException("the validate record " + h.file + " cannot be read: " + e.getMessage(),
                        "move it aside and re-run validate with --deep, which hashes every object again");
            }
        }
        return h;
    }

    static String id(String bucket, String key) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bucket.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized Hashed get(String bucket, String key) {
        return known.get(id(bucket, key));
    }

    /** Records a hashed object; flushed at once, so a validate stopped midway keeps what it hashed. */
    synchronized void record(String bucket, String key, long size, String sha256, String etag) {
        if (file == null || etag == null || etag.isEmpty()) {
            return;
        }
        Hashed h = new Hashed(size, sha256, etag);
        String id = id(bucket, key);
        if (h.equals(known.get(id))) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(id + "\t" + size + "\t" + sha256 + "\t" + etag + "\n");
            out.flush();
            known.put(id, h);
        } catch (IOException e) {
            throw new ConfigException("cannot write the validate record " + file + ": " + e.getMessage(),
                    "make the state dir writable (stateDir in target.yaml), then re-run validate");
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // Every line was flushed when written.
            }
        }
    }
}
