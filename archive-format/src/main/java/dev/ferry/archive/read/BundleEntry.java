package dev.ferry.archive.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Map;

/**
 * One entry of a verified bundle, as handed to a caller. {@link #open()} yields the plaintext; every chunk of it has
 * been checked against its hash before the caller sees it, and the end of the stream checks the whole entry's hash.
 * API CONTRACT — implemented by the archive-format work.
 */
public interface BundleEntry {
    String store();

    String path();

    long size();

    /** Lower-case hex SHA-256 of the plaintext, from the signed index. */
    String sha256();

    Map<String, Long> counts();

    /** The entry's metadata object from the index ({} when none). */
    JsonNode metadata();

    /** The plaintext. Can be opened once, only during the callback that received this entry. */
    InputStream open();
}
