package dev.ferry.importer.migration;

import java.util.Map;

/**
 * What one pass's load did to one Target store, in the manager's three numbers, from the counts the load journaled.
 * A full load adds what it writes; a delta load adds, changes and removes (rows by primary key, tuples, objects).
 *
 * @param store   the store's label ("postgres", "keycloak", "openfga", "objects")
 * @param loaded  whether the load of this store finished in this pass
 * @param added   rows, users, tuples or objects written that were not there
 * @param changed ones rewritten with new content
 * @param removed ones deleted because the Source deleted them
 */
public record StoreChanges(String store, boolean loaded, long added, long changed, long removed) {

    /**
     * From a load step's details ({@code count.<name>} entries, as LoadRunner journals them).
     *
     * @param delta whether the pass was a delta, whose ":added", ":changed" and ":removed" counts are the whole story;
     *              a full load's "written" counts (tuples, objects, rows per table) are what it added
     */
    static StoreChanges from(String store, boolean loaded, boolean delta, Map<String, String> details) {
        long added = 0;
        long changed = 0;
        long removed = 0;
        long written = 0;
        for (Map.Entry<String, String> e : details.entrySet()) {
            if (!e.getKey().startsWith("count.")) {
                continue;
            }
            String name = e.getKey().substring("count.".length());
            long v = parse(e.getValue());
            if (name.endsWith(":added")) {
                added += v;
            } else if (name.endsWith(":changed") || name.endsWith(":replaced")) {
                changed += v;
            } else if (name.endsWith(":removed") || name.endsWith(":deleted")) {
                removed += v;
            } else if (name.equals("tuples:written") || name.equals("objects:written") || isTableRows(name)) {
                written += v;
            }
        }
        return new StoreChanges(store, loaded, delta ? added : written + added, changed, removed);
    }

    /** "rows:agent", the rows a full load wrote into one table (not "rows:agent:added" nor "rows:agent:merged"). */
    private static boolean isTableRows(String name) {
        return name.startsWith("rows:") && name.indexOf(':', "rows:".length()) < 0;
    }

    private static long parse(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
