package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.StoreException;
import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.stores.CountNames;
import dev.ferry.stores.StoreKind;
import dev.ferry.stores.postgres.ColumnInfo;
import dev.ferry.stores.postgres.TableCopier;
import dev.ferry.stores.postgres.TableEntries;
import dev.ferry.stores.postgres.TableInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    static final String STORE = StoreKind.POSTGRES.label();

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
            if (!TableEntries.isTable(e.path())) {
                continue;
            }
            JsonNode md = e.metadata();
            String name = md.path("table").asText(TableEntries.tableOf(e.path()));
            if (md.path("columns").isEmpty()) {
                // schema.json is the normative column list; the entry's metadata only repeats it for convenience.
                if (schema == null) {
                    schema = BundleFiles.json(bundle, STORE, TableEntries.SCHEMA);
                }
                md = tableInSchema(schema, name);
            }
            List<ColumnInfo> columns = new ArrayList<>();
            md.path("columns").forEach(c -> columns.add(new ColumnInfo(c.path("name").asText(), c.path("type").asText(),
                    c.path("nullable").asBoolean(true))));
            List<String> pk = new ArrayList<>();
            md.path("primaryKey").forEach(k -> pk.add(k.asText()));
            long rows = e.counts().getOrDefault(CountNames.rowsOf(name), -1L);
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
        TableCopier.CopyResult actual;
        try {
            actual = target.content(t.info());
        } catch (MissingOnTarget e) {
            d.add("table " + t.name() + ": " + e.getMessage());
            return Outcome.of(expected, "missing", d);
        }
        actualCounts.put(CountNames.rowsOf(t.name()), actual.rows());
        ConflictPolicy policy = policies.apply(t.name());
        boolean equal = actual.rows() == t.rows() && actual.fingerprint().equals(t.sha256());
        if (!equal && policy != ConflictPolicy.REFUSE && !t.info().primaryKey().isEmpty()) {
            return new MergedTableCheck(bundle, target, t, policy).run(expected, actual.rows());
        }
        if (actual.rows() != t.rows()) {
            d.add("table " + t.name() + ": bundle has " + t.rows() + " rows, Target has " + actual.rows());
        }
        if (!actual.fingerprint().equals(t.sha256())) {
            d.add("table " + t.name() + ": content fingerprint differs (bundle sha256 " + t.sha256() + ", Target sha256 "
                    + actual.fingerprint() + ")");
            nameDifferingRows(t, d);
        }
        return Outcome.of(expected, actual.rows() + " rows, sha256 " + ShortHash.of(actual.fingerprint()), d);
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
                    target.copy(t.info(), out);
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
}
