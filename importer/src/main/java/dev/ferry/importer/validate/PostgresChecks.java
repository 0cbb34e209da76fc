package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.StoreException;
import dev.ferry.stores.postgres.ColumnInfo;
import dev.ferry.stores.postgres.TableInfo;
import dev.ferry.importer.config.ConflictPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runbook §1.6 for PostgreSQL: per carried table, the Target's row count and content fingerprint equal the bundle's.
 * The fingerprint is computed on the Target by the same code that defined it on the Source, over the same COPY output,
 * so equal fingerprints mean byte-identical content. When they differ, the rows responsible are named. A table
 * target.yaml lets the load merge (postgres.conflicts skip or overwrite) that is not equal as a whole is checked for
 * what the policy promises instead ({@link MergedTableCheck}).
 */
final class PostgresChecks {
    static final String STORE = "postgres";

    private final VerifiedBundle bundle;
    private final TargetPostgres target;
    private final Function<String, ConflictPolicy> policies;

    /** @param policies per table, the postgres.conflicts policy the load ran under (refuse when none is set) */
    PostgresChecks(VerifiedBundle bundle, TargetPostgres target, Function<String, ConflictPolicy> policies) {
        this.bundle = bundle;
        this.target = target;
        this.policies = policies;
    }

    /** The tables the bundle carries, in the runbook's import order when it can tell, else in index order. */
    List<CarriedTable> carriedTables() {
        List<CarriedTable> tables = new ArrayList<>();
        JsonNode schema = null;
        for (IndexEntry e : bundle.index(STORE)) {
            if (!e.path().startsWith("tables/") || !e.path().endsWith(".copy")) {
                continue;
            }
            JsonNode md = e.metadata();
            String name = md.path("table").asText(e.path().substring("tables/".length(), e.path().length() - ".copy".length()));
            if (md.path("columns").isEmpty()) {
                // schema.json is the normative column list; the entry's metadata only repeats it for convenience.
                if (schema == null) {
                    schema = BundleFiles.json(bundle, STORE, "schema.json");
                }
                md = tableInSchema(schema, name);
            }
            List<ColumnInfo> columns = new ArrayList<>();
            md.path("columns").forEach(c -> columns.add(new ColumnInfo(c.path("name").asText(), c.path("type").asText(),
                    c.path("nullable").asBoolean(true))));
            List<String> pk = new ArrayList<>();
            md.path("primaryKey").forEach(k -> pk.add(k.asText()));
            long rows = e.counts().getOrDefault("rows:" + name, -1L);
            tables.add(new CarriedTable(e.path(), new TableInfo(name, columns, pk), rows, e.sha256()));
        }
        return tables;
    }

    private static JsonNode tableInSchema(JsonNode schema, String name) {
        for (JsonNode t : schema.path("tables")) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        throw new dev.ferry.common.VerificationException("the bundle's postgres/schema.json does not describe table " + name,
                "the bundle is inconsistent: re-export it with ferry-export");
    }

    void run(Checklist checklist, Map<String, Long> actualCounts) {
        for (CarriedTable t : carriedTables()) {
            checklist.run("postgres.table." + t.name(), STORE, "Table " + t.name() + ": row count and content fingerprint",
                    () -> check(t, actualCounts));
        }
    }

    private Outcome check(CarriedTable t, Map<String, Long> actualCounts) {
        String expected = t.rows() + " rows, sha256 " + ShortHash.of(t.sha256());
        Differences d = new Differences();
        TableContent actual;
        try {
            actual = target.content(t);
        } catch (MissingOnTarget e) {
            d.add("table " + t.name() + ": " + e.getMessage());
            return Outcome.of(expected, "missing", d);
        }
        actualCounts.put("rows:" + t.name(), actual.rows());
        ConflictPolicy policy = policies.apply(t.name());
        boolean equal = actual.rows() == t.rows() && actual.sha256().equals(t.sha256());
        if (!equal && policy != ConflictPolicy.REFUSE && !t.info().primaryKey().isEmpty()) {
            return new MergedTableCheck(bundle, target, t, policy).run(expected, actual.rows());
        }
        if (actual.rows() != t.rows()) {
            d.add("table " + t.name() + ": bundle has " + t.rows() + " rows, Target has " + actual.rows());
        }
        if (!actual.sha256().equals(t.sha256())) {
            d.add("table " + t.name() + ": content fingerprint differs (bundle sha256 " + t.sha256() + ", Target sha256 "
                    + actual.sha256() + ")");
            nameDifferingRows(t, d);
        }
        return Outcome.of(expected, actual.rows() + " rows, sha256 " + ShortHash.of(actual.sha256()), d);
    }

    /** Streams the bundle's table beside the Target's, both in key order, and names the rows that differ. */
    private void nameDifferingRows(CarriedTable t, Differences d) {
        TableDiff diff = new TableDiff(t.name(), t.info().columns().stream().map(ColumnInfo::name).toList(),
                t.info().primaryKey());
        bundle.read(STORE, 1, entry -> {
            if (!entry.path().equals(t.path())) {
                return;
            }
            PipedInputStream targetRows = new PipedInputStream(1 << 16);
            PipedOutputStream sink = new PipedOutputStream(targetRows);
            CompletableFuture<Void> copy = CompletableFuture.runAsync(() -> {
                try (OutputStream out = sink) {
                    target.copy(t, out);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            try (InputStream bundleRows = entry.open(); InputStream in = targetRows) {
                diff.compare(bundleRows, in, d);
            }
            try {
                copy.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof StoreException se) {
                    throw se;
                }
                // The diff stopped reading early or the pipe closed: the fingerprint difference is already reported.
            }
        });
    }

    /** One table as the bundle carries it. */
    record CarriedTable(String path, TableInfo info, long rows, String sha256) {
        String name() {
            return info.name();
        }
    }

    /** Reads the Target database with the fingerprint's COPY definition. */
    interface TargetPostgres {
        /** Writes the table's defined COPY output. */
        void copy(CarriedTable table, OutputStream out);

        /** Counts and fingerprints the table's COPY output in one pass. */
        TableContent content(CarriedTable table);

        /**
         * Hands over, one COPY text line each (no newline), the table's rows whose primary key is one of {@code keys}
         * (each the key's fields as COPY text), in no particular order.
         */
        void rowsWithKeys(CarriedTable table, List<String[]> keys, Consumer<String> row);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Turns a JDBC failure into a mismatch (table or column absent) or a store error. */
    static RuntimeException classify(SQLException e, CarriedTable t, String where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("42P01")) {
            return new MissingOnTarget("the table does not exist on the Target");
        }
        if (state.equals("42703")) {
            return new MissingOnTarget("a carried column does not exist on the Target (" + e.getMessage() + ")");
        }
        return new StoreException("reading table " + t.name() + " from the Target PostgreSQL " + where + " failed: "
                + e.getMessage(), "check that the Target database is up and the configured user may SELECT from " + t.name(), e);
    }
}
