package dev.ferry.importer.upgrade.schema;

/** What the upgrade may write into a column, as far as SQL NULL goes. */
public enum Nulls {
    /** Never NULL: the column may be NOT NULL. */
    NEVER,
    /** NULL is a value the upgrade writes: the column must be nullable. */
    ALLOWED,
    /**
     * NULL means "not known": on insert the column takes its default (so a NOT NULL column needs one), and on a
     * re-run the stored value stays, so that a re-run changes nothing. Binding NULL as such fails on a NOT NULL
     * column (a team without a kea row has no timestamps). Phase 2's upsert binds the value twice:
     * {@code VALUES (…, COALESCE(?::timestamptz, CURRENT_TIMESTAMP), …) ON CONFLICT (pk) DO UPDATE SET
     * c = CASE WHEN ?::timestamptz IS NULL THEN t.c ELSE EXCLUDED.c END}.
     */
    DEFAULT
}
