package dev.ferry.importer.upgrade.schema;

/** What the upgrade may write into a column, as far as SQL NULL goes. */
public enum Nulls {
    /** Never NULL: the column may be NOT NULL. */
    NEVER,
    /** NULL is a value the upgrade writes: the column must be nullable. */
    ALLOWED,
    /**
     * NULL means "not known": on insert the column takes its default (so a NOT NULL column needs one), on a re-run the
     * stored value stays. Phase 2 binds it as {@code COALESCE(?, DEFAULT-expression)} on insert and
     * {@code COALESCE(EXCLUDED.c, t.c)} on conflict.
     */
    DEFAULT
}
