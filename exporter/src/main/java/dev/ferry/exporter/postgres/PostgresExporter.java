package dev.ferry.exporter.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.cli.Progress;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.StoreException;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.config.PostgresConfig;
import dev.ferry.stores.io.NonClosingOutputStream;
import dev.ferry.stores.postgres.PostgresCatalog;
import dev.ferry.stores.postgres.PostgresClient;
import dev.ferry.stores.postgres.TableCopier;
import dev.ferry.stores.postgres.TableEntries;
import dev.ferry.stores.postgres.TableInfo;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the store "postgres": every carried table as one COPY entry, then schema.json, all from one read-only
 * REPEATABLE READ snapshot (docs/bundle-contents.md).
 */
public final class PostgresExporter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PostgresConfig config;
    private final PostgresClient client;

    public PostgresExporter(PostgresConfig config) {
        this.config = config;
        this.client = new PostgresClient(config);
    }

    /** What was carried: per table rows and fingerprints. */
    public record Result(List<TableCopier.CopyResult> tables, List<String> skipped, long bytes) {
        public long rows() {
            return tables.stream().mapToLong(TableCopier.CopyResult::rows).sum();
        }
    }

    public Result export(StoreWriter store, Progress progress) {
        try (Connection conn = client.snapshot()) {
            return exportIn(conn, store, progress);
        } catch (SQLException e) {
            throw client.translate("read the carried tables", e);
        } catch (IOException e) {
            throw new StoreException("PostgreSQL at " + config.url() + ": the COPY stream failed" + CauseDetail.parenthesised(e),
                    "Re-run the export; if it repeats, check the connection to the database.", e);
        }
    }

    /**
     * The carried tables' COPY fingerprints read now, in a new snapshot (table name → result; a table that is gone has
     * none): what the freeze guard compares with the bundle's.
     */
    public Map<String, TableCopier.CopyResult> fingerprintsNow() {
        try (Connection conn = client.snapshot()) {
            PostgresCatalog catalog = new PostgresCatalog(conn);
            Map<String, TableCopier.CopyResult> now = new LinkedHashMap<>();
            for (String name : config.tables().carry()) {
                var table = catalog.table(name);
                if (table.isPresent()) {
                    now.put(name, TableCopier.fingerprint(conn, table.get()));
                }
            }
            return now;
        } catch (SQLException e) {
            throw client.translate("read the carried tables", e);
        } catch (IOException e) {
            throw new StoreException("PostgreSQL at " + config.url() + ": the COPY stream failed" + CauseDetail.parenthesised(e),
                    "Re-run the export; if it repeats, check the connection to the database.", e);
        }
    }

    private Result exportIn(Connection conn, StoreWriter store, Progress progress) throws SQLException, IOException {
        PostgresCatalog catalog = new PostgresCatalog(conn);
        List<String> present = catalog.tableNames();
        List<TableInfo> carried = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : config.tables().carry()) {
            catalog.table(name).ifPresentOrElse(carried::add, () -> missing.add(name));
        }
        if (!missing.isEmpty()) {
            throw new StoreException("PostgreSQL at " + config.url() + " has no table " + missing
                    + " in schema " + currentSchema(conn) + " (postgres.tables.carry)",
                    "Check postgres.url points at the kea database, or remove the table from postgres.tables.carry.");
        }
        List<TableCopier.CopyResult> results = new ArrayList<>();
        List<Map<String, Object>> tableDocs = new ArrayList<>();
        long bytes = 0;
        try (Progress.Task rows = progress.start(StoreKind.POSTGRES.label(), CountNames.ROWS, -1, CountNames.ROWS)) {
            for (TableInfo table : carried) {
                TableCopier.CopyResult r;
                try (EntryOutputStream entry = store.newEntry(TableEntries.path(table.name()))) {
                    entry.metadata("table", table.name());
                    entry.metadata("columns", table.columns());
                    entry.metadata("primaryKey", table.primaryKey());
                    r = TableCopier.copy(conn, table, new NonClosingOutputStream(entry));
                    entry.count(CountNames.rowsOf(table.name()), r.rows());
                }
                rows.advance(r.rows());
                results.add(r);
                bytes += r.bytes();
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("name", table.name());
                doc.put("columns", table.columns());
                doc.put("primaryKey", table.primaryKey());
                doc.put("rowCount", r.rows());
                doc.put("fingerprint", r.fingerprint());
                tableDocs.add(doc);
            }
        }
        List<String> skipped = present.stream()
                .filter(t -> !config.tables().carry().contains(t) && !t.startsWith("alembic_version")).toList();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("database", catalog.databaseName());
        schema.put("serverVersion", catalog.serverVersion());
        schema.put("snapshot", "REPEATABLE READ");
        schema.put("tables", tableDocs);
        schema.put("skipped", skipped);
        schema.put("alembic", catalog.alembicVersions());
        try (EntryOutputStream entry = store.newEntry(TableEntries.SCHEMA)) {
            JSON.writeValue(new NonClosingOutputStream(entry), schema);
        }
        return new Result(results, skipped, bytes);
    }

    private static String currentSchema(Connection conn) throws SQLException {
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
