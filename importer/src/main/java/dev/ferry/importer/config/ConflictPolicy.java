package dev.ferry.importer.config;

import dev.ferry.common.ConfigException;
import java.util.Locale;

/** What to do with a PostgreSQL table that already holds rows different from the bundle's. */
public enum ConflictPolicy {
    /** Stop before writing anything to that table (the default: a non-empty Target table is a surprise). */
    REFUSE,
    /** Insert only the rows whose primary key is missing; keep the Target's rows as they are. */
    SKIP,
    /** Insert missing rows and replace the Target's rows that share a primary key with the bundle's. */
    OVERWRITE;

    /** Case-insensitive, for the YAML loader; a wrong value names the allowed ones. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static ConflictPolicy parse(String value) {
        try {
            return valueOf((value == null ? "" : value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'" + value + "' is not a conflict policy (postgres.conflicts)",
                    "use refuse, skip or overwrite");
        }
    }
}
