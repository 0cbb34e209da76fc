package dev.ferry.importer.journal;

import java.time.Instant;
import java.util.List;

/** The journal's JSON form. */
record JournalFile(int version, String bundleId, Instant startedAt, Instant completedAt, List<StepRecord> steps) {
}
