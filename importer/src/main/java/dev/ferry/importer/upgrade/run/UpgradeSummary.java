package dev.ferry.importer.upgrade.run;

import dev.ferry.importer.upgrade.agents.AgentOutcome;
import dev.ferry.importer.upgrade.teams.PrivacyRisk;
import dev.ferry.importer.upgrade.tuples.TupleTally;
import java.util.List;
import java.util.Map;

/**
 * What an upgrade (or its plan) found and did: per swift table, rows written and skipped; every agent's outcome that
 * is not MAPPED (GAPs first of all); the tuple tally and the expected swift tuple set's fingerprint; the teams that
 * need a person; objects copied. Ids only, never keys or values (non-negotiable 4).
 */
public record UpgradeSummary(boolean dryRun, Map<String, TableCount> tables, Map<AgentOutcome.Status, Long> agentCounts,
        List<AgentOutcome.Gap> gaps, List<AgentOutcome.Ignored> ignored, List<AgentOutcome.Skipped> skipped, TupleTally tuples,
        String expectedTupleFingerprint, long expectedTuples, List<PrivacyRisk> needsAPerson, List<String> notes, ObjectCount objects,
        String swiftStoreId, String swiftModelId, long millis) {

    /** @param written rows the transform produced; changed rows actually inserted or updated (0 on a re-run) */
    public record TableCount(long read, long written, long changed, Map<String, Long> skipped) {
    }

    public record ObjectCount(long copied, long alreadyDone, long bytes, List<String> missingKeaBuckets) {
    }
}
