package dev.ferry.importer.config;

import java.util.Map;

/**
 * The Target PostgreSQL database and how to treat tables that already hold rows.
 *
 * @param jdbcUrl   e.g. jdbc:postgresql://db.target:5432/fred
 * @param user      the loading role (needs INSERT/UPDATE on the carried tables)
 * @param password  resolved from a secret reference, never written back anywhere
 * @param conflicts per table, the policy for a non-empty table whose rows differ from the bundle's
 */
public record PostgresTarget(String jdbcUrl, String user, String password, Map<String, ConflictPolicy> conflicts) {
    public ConflictPolicy conflictPolicy(String table) {
        return conflicts.getOrDefault(table, ConflictPolicy.REFUSE);
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + jdbcUrl + ", user=" + user + "]";
    }
}
