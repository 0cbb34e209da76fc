package dev.ferry.archive.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cleartext, signed description of a bundle (manifest.json). It holds no store content and no secret.
 * API CONTRACT — the archive-format work may add fields, not remove these.
 *
 * @param formatVersion the format version: 1 for a full bundle, 2 for a delta
 * @param bundleId      a random id; every part's inner index repeats it, so parts cannot be swapped between bundles
 * @param createdAt     creation time, UTC
 * @param toolVersion   the Ferry version that sealed it
 * @param sourceLabel   the operator's label of the Source
 * @param parts         every part file, in sequence order
 * @param stores        per store, the summary counts (sums of the entries' counts) and byte totals
 * @param notes         cleartext notes, e.g. that OpenSearch is not carried
 * @param base          a delta's base: the bundle id of the previous pass it builds on; null (absent) in a full bundle
 */
public record Manifest(int formatVersion, String bundleId, Instant createdAt, String toolVersion, String sourceLabel,
        List<PartInfo> parts, Map<String, StoreSummary> stores, Map<String, String> notes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String base) {

    /** A full bundle's manifest (no base). */
    public Manifest(int formatVersion, String bundleId, Instant createdAt, String toolVersion, String sourceLabel,
            List<PartInfo> parts, Map<String, StoreSummary> stores, Map<String, String> notes) {
        this(formatVersion, bundleId, createdAt, toolVersion, sourceLabel, parts, stores, notes, null);
    }

    /** Whether this is a delta bundle, to be loaded onto a Target that holds {@link #base()}. */
    @JsonIgnore
    public boolean isDelta() {
        return base != null;
    }
}
