package dev.ferry.archive.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** An entry as listed in a part's index, available without re-reading its bytes. */
public record IndexEntry(String store, String path, long size, String sha256, Map<String, Long> counts, JsonNode metadata) {
}
