package dev.ferry.exporter.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the plan measured on the Source (runbook "measure before planning"), and what is missing or unreadable.
 * A section is null when its store was not planned or could not be read (its problem is then in {@code problems}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(PostgresPlan postgres, KeycloakPlan keycloak, OpenFgaPlan openfga, ObjectsPlan objects,
        DeltaPlan delta, CrossStorePlan crossStore, Estimate estimate, List<String> problems, List<String> notes, int exitCode) {

    /** 0 when the export can run; else the exit code of the worst problem (2 config, 4 store). */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** A table of the carry or skip list; {@code present} is false when the database has no such table. */
    public record TablePlan(String name, boolean carried, boolean present, long rows, long bytes) {
    }

    public record PostgresPlan(String database, String serverVersion, long databaseBytes, List<TablePlan> tables,
            List<String> otherTables) {
    }

    /**
     * @param groups every group, subgroups included
     * @param teams  the root groups: kea's teams, counted the way kea counts them
     */
    public record KeycloakPlan(String realm, long users, long groups, long teams, long webauthnUsers, long passwordNotCarried,
            boolean offlineExportGiven) {
    }

    /**
     * Validate's cross-store rules run on the Source: what validate would report on the Target after the load, known
     * before the window. They do not stop the export (the bundle carries the Source as it is).
     *
     * @param checks the rules that ran
     * @param notRun the rules that could not run, and why (a store not planned or not readable)
     */
    public record CrossStorePlan(List<CrossStoreCheck> checks, List<String> notRun) {
        public boolean clean() {
            return checks.stream().allMatch(c -> c.problems().isEmpty());
        }
    }

    /**
     * @param id       the rule's id, as validate's check id
     * @param checked  how many teams or documents the tuples name
     * @param problems one sentence per offending team or document (store content: printed escaped)
     */
    public record CrossStoreCheck(String id, String title, long checked, List<String> problems) {
    }

    public record OpenFgaPlan(String storeId, String storeName, int models, long tuples, long usernameFormTuples) {
    }

    public record BucketPlan(String name, long objects, long bytes) {
    }

    public record ObjectsPlan(List<BucketPlan> buckets, long objects, long bytes) {
    }

    /**
     * What a delta ({@code --since}) will carry of the objects, against the base's catalog: added and changed objects
     * travel, deleted ones are listed; PostgreSQL, Keycloak and OpenFGA travel whole and are in the sections above.
     *
     * @param base             the base bundle's id
     * @param baseCreatedAt    when the base was made (ISO-8601, UTC)
     * @param changedAfter     the time test (ISO-8601, UTC): an object modified after this counts as changed (the base's
     *                         listing minus the margin)
     * @param toCompare        compare-content only: objects whose metadata is unchanged and that will be read and hashed;
     *                         those whose SHA-256 differs will travel too
     * @param catalogObjects   objects present now: the delta's catalog.jsonl
     */
    public record DeltaPlan(String base, String baseCreatedAt, String changedAfter, long safetyMarginSeconds,
            boolean compareContent, long added, long addedBytes, long changed, long changedBytes, long deleted,
            long deletedBytes, long unchanged, long unchangedBytes, long toCompare, long toCompareBytes, long catalogObjects,
            long catalogBytes) {
    }

    /**
     * @param bundleBytes       estimated plaintext bytes in the bundle (zstd will shrink tables and JSON, rarely documents)
     * @param sampleBytes       bytes read and hashed to measure the throughput
     * @param bytesPerSecond    measured read+hash throughput
     * @param sampleSource      what was sampled
     * @param seconds           estimated export time at that throughput
     */
    public record Estimate(long bundleBytes, long sampleBytes, long bytesPerSecond, String sampleSource, long seconds) {
    }
}
