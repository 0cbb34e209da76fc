package dev.ferry.stores.postgres;

/**
 * How the store "postgres" is laid out in the bundle (docs/bundle-contents.md): one entry per carried table at
 * {@code tables/<table>.copy} holding its content ({@link TableCopier}), and {@code schema.json}, the normative
 * description of the tables. The exporter writes these names; the load and validate find the tables by them.
 */
public final class TableEntries {
    /** The store's schema document: database, server version, tables with columns, keys, row counts, fingerprints. */
    public static final String SCHEMA = "schema.json";
    private static final String FOLDER = "tables/";
    private static final String SUFFIX = ".copy";

    private TableEntries() {
    }

    /** The entry path of a table's content. */
    public static String path(String table) {
        return FOLDER + table + SUFFIX;
    }

    /** Whether an entry of the store holds a table's content. */
    public static boolean isTable(String entryPath) {
        return entryPath.startsWith(FOLDER) && entryPath.endsWith(SUFFIX) && entryPath.length() > FOLDER.length() + SUFFIX.length();
    }

    /** The table a content entry holds (the entry's "table" metadata says the same). */
    public static String tableOf(String entryPath) {
        if (!isTable(entryPath)) {
            throw new IllegalArgumentException("not a table entry: " + entryPath);
        }
        return entryPath.substring(FOLDER.length(), entryPath.length() - SUFFIX.length());
    }
}
