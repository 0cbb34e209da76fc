package dev.ferry.archive.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cleartext, signed description of a bundle (manifest.json). It holds no store content and no secret.
 * API CONTRACT — the archive-format work may add fields, not remove these.
 *
 * @param formatVersion the format version (1)
 * @param bundleId      a random id; every part's inner index repeats it, so parts cannot be swapped between bundles
 * @param createdAt     creation time, UTC
 * @param toolVersion   the Ferry version that sealed it
 * @param sourceLabel   the operator's label of the Source
 * @param parts         every part file, in sequence order
 * @param stores        per store, the summary counts (sums of the entries' counts) and byte totals
 * @param notes         cleartext notes, e.g. that OpenSearch is not carried
 */
public record Manifest(int formatVersion, String bundleId, Instant createdAt, String toolVersion, String sourceLabel,
        List<PartInfo> parts, Map<String, StoreSummary> stores, Map<String, String> notes) {
}
