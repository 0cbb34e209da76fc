package dev.ferry.exporter.run;

import java.util.Map;

/** One store's part of the export summary: its counts, plaintext bytes and the time it took. */
public record StoreOutcome(String store, Map<String, Long> counts, long bytes, long nanos) {
}
