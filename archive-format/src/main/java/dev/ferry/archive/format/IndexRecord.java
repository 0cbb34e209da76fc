package dev.ferry.archive.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An entry's span in one part, as the part's index lists it. An entry that spans parts has one record in each; only
 * the record in the part where it ends is {@code complete} and carries the whole entry's size, hash, counts and metadata.
 *
 * @param path       the entry path
 * @param firstChunk the number of the first chunk in this part (0 unless the entry started in an earlier part)
 * @param chunks     the chunks in this part, in order
 * @param complete   whether the entry ends in this part
 * @param size       whole-entry plaintext size (complete records only)
 * @param sha256     whole-entry plaintext SHA-256 (complete records only)
 * @param counts     the entry's counts (complete records only)
 * @param metadata   the entry's metadata object (complete records only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexRecord(String path, int firstChunk, List<Chunk> chunks, boolean complete, Long size, String sha256,
        Map<String, Long> counts, JsonNode metadata) {
}
