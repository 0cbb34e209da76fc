package dev.ferry.importer.config;

import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigSection;
import dev.ferry.stores.config.PostgresConfig;
import dev.ferry.stores.config.Secret;
import java.util.Map;

/**
 * The {@code postgres:} section of target.yaml: the shared connection keys plus what to do with tables that
 * already hold rows.
 *
 * @param conflicts per table, the policy for a non-empty table whose rows differ from the bundle's (default refuse)
 */
public record PostgresTarget(String url, String user, Secret password, Map<String, ConflictPolicy> conflicts) implements ConfigSection {
    public PostgresTarget {
        conflicts = conflicts == null ? Map.of() : Map.copyOf(conflicts);
    }

    /** The connection as the store client takes it (the load and validate reach the Target through it). */
    public PostgresConfig connection() {
        return new PostgresConfig(url, user, password, null);
    }

    public ConflictPolicy conflictPolicy(String table) {
        return conflicts.getOrDefault(table, ConflictPolicy.REFUSE);
    }

    @Override
    public void validate(ConfigKeys keys) {
        connection().validate(keys);
    }
}
