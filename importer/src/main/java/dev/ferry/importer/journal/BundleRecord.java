package dev.ferry.importer.journal;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.manifest.StoreSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The facts of a bundle that its load remembers in the journal (step {@value #STEP}), so that the migration report can
 * follow the passes on the Target side alone, without the bundles: its base (for a delta), when it was sealed, how long
 * the export took, its size, its notes on the freeze guard and change detection, and what it carried per store. All of
 * it comes from the signed cleartext manifest: counts and ids, no store content.
 */
public record BundleRecord(String bundleId, String base, Instant createdAt, String sourceLabel, String exportDuration,
        String freezeGuard, String changeDetection, int parts, long bytes, Map<String, Map<String, Long>> carried) {
    public static final String STEP = "bundle";
    /** Beside the record in the step: when the load began (before its verification), and how long that verification took. */
    public static final String LOAD_STARTED = "load.startedAt";
    public static final String VERIFY_DURATION = "load.verifyDuration";
    private static final String CARRIED = "carried.";

    public static BundleRecord of(Manifest m) {
        Map<String, Map<String, Long>> carried = new TreeMap<>();
        m.stores().forEach((store, summary) -> carried.put(store, counts(summary)));
        return new BundleRecord(m.bundleId(), m.base(), m.createdAt(), m.sourceLabel(), m.notes().get("export-duration"),
                m.notes().get("freeze-guard"), m.notes().get("change-detection"), m.parts().size(),
                m.parts().stream().mapToLong(PartInfo::size).sum(), carried);
    }

    private static Map<String, Long> counts(StoreSummary s) {
        Map<String, Long> counts = new TreeMap<>(s.counts());
        counts.put("plaintext-bytes", s.plaintextBytes());
        return counts;
    }

    /** The journal step's details: flat strings. */
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "base", base);
        put(d, "createdAt", createdAt == null ? null : createdAt.toString());
        put(d, "sourceLabel", sourceLabel);
        put(d, "exportDuration", exportDuration);
        put(d, "freezeGuard", freezeGuard);
        put(d, "changeDetection", changeDetection);
        d.put("parts", Integer.toString(parts));
        d.put("bytes", Long.toString(bytes));
        carried.forEach((store, counts) -> counts.forEach((name, v) -> d.put(CARRIED + store + "." + name, Long.toString(v))));
        return d;
    }

    /** The record a load wrote into {@code journal}, if it wrote one (loads before this field existed did not). */
    public static Optional<BundleRecord> in(Journal journal, String bundleId) {
        return journal.step(STEP).map(StepRecord::details).map(d -> {
            Map<String, Map<String, Long>> carried = new TreeMap<>();
            d.forEach((k, v) -> {
                if (k.startsWith(CARRIED)) {
                    String rest = k.substring(CARRIED.length());
                    int dot = rest.indexOf('.');
                    carried.computeIfAbsent(rest.substring(0, dot), s -> new TreeMap<>()).put(rest.substring(dot + 1), parse(v));
                }
            });
            return new BundleRecord(bundleId, d.get("base"), d.get("createdAt") == null ? null : Instant.parse(d.get("createdAt")),
                    d.get("sourceLabel"), d.get("exportDuration"), d.get("freezeGuard"), d.get("changeDetection"),
                    (int) parse(d.get("parts")), parse(d.get("bytes")), carried);
        });
    }

    private static long parse(String v) {
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void put(Map<String, String> d, String k, String v) {
        if (v != null) {
            d.put(k, v);
        }
    }
}
