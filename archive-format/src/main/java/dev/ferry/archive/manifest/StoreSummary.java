package dev.ferry.archive.manifest;

import java.util.Map;

/**
 * A store's summary in the manifest.
 *
 * @param counts         named counts, each the sum of the store's entries' counts ("rows:agent", "tuples", "users", "objects", …)
 * @param entries        the number of entries
 * @param plaintextBytes the total plaintext size of the entries
 */
public record StoreSummary(Map<String, Long> counts, long entries, long plaintextBytes) {
}
