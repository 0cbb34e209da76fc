package dev.ferry.importer.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.common.VerificationException;
import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.config.PostgresTarget;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.load.Progress;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.importer.postgres.BundleSchema.TableSchema;
import dev.ferry.stores.CountNames;
import dev.ferry.stores.StoreKind;
import dev.ferry.stores.postgres.PostgresClient;
import dev.ferry.stores.postgres.TableEntries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the carried tables into a Target schema Alembic has already created (runbook §1.3), in the runbook's order
 * tag → metadata → resource → teammetadata → users → agent (then any other carried table), each table in its own
 * transaction. A non-empty Target table is refused unless its rows equal the bundle's (a re-run: skipped) or
 * postgres.conflicts says skip or overwrite for it.
 */
public final class PostgresLoader implements StoreLoader {
    private static final StoreKind STORE = StoreKind.POSTGRES;
    static final List<String> RUNBOOK_ORDER = List.of("tag", "metadata", "resource", "teammetadata", "users", "agent");

    private final PostgresTarget target;
    private final PostgresClient db;

    public PostgresLoader(PostgresTarget target) {
        this.target = target;
        this.db = new PostgresClient(target.connection());
    }

    @Override
    public StoreKind store() {
        return STORE;
    }

    enum Action { LOAD, IDENTICAL, MERGE, DONE_BEFORE }

    record TablePlan(TableSchema table, Action action, long targetRows, ConflictPolicy policy) {
    }

    @Override
    public StoreOutcome check(VerifiedBundle bundle, Journal journal) {
        List<TablePlan> plans = plan(readSchema(bundle), journal);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (TablePlan p : plans) {
            counts.put(CountNames.rowsOf(p.table().name()), p.table().rowCount());
            outputs.put(p.table().name(), describe(p));
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.PLANNED, counts, outputs, List.of());
    }

    @Override
    public StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress) {
        List<TablePlan> plans = plan(readSchema(bundle), journal);
        Map<String, TablePlan> pending = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (TablePlan p : plans) {
            outputs.put(p.table().name(), describe(p));
            if (p.action() == Action.LOAD || p.action() == Action.MERGE) {
                pending.put(p.table().name(), p);
            } else {
                counts.put(CountNames.rowsOf(p.table().name()) + ":already-present", p.table().rowCount());
                journal.done(step(p.table().name()), Map.of("rows", Long.toString(p.table().rowCount()), "fingerprint", p.table().fingerprint()));
            }
        }
        long totalRows = pending.values().stream().mapToLong(p -> p.table().rowCount()).sum();
        try (Connection c = db.connect(); Progress.Task task = progress.start(STORE.label(), CountNames.ROWS, totalRows, "rows")) {
            TableLoader loader = new TableLoader(c);
            // The runbook's order is kept even if the bundle stores the tables in another order: each pass loads the
            // tables that come next in that order, as their entries stream by.
            while (!pending.isEmpty()) {
                int before = pending.size();
                bundle.read(STORE.label(), 1, entry -> {
                    if (pending.isEmpty() || !TableEntries.isTable(entry.path())) {
                        return;
                    }
                    String table = entry.metadata().path("table").asText(TableEntries.tableOf(entry.path()));
                    TablePlan next = pending.values().iterator().next();
                    if (!next.table().name().equals(table)) {
                        return;
                    }
                    journal.started(step(table), Map.of("rows", Long.toString(next.table().rowCount())));
                    long written;
                    try {
                        written = loader.load(next.table(), entry.open(), next.policy());
                    } catch (SQLException e) {
                        // Thrown out of the bundle's reader, a checked exception would arrive wrapped: translate it here.
                        throw loadFailed("load table " + table, e);
                    }
                    task.advance(next.table().rowCount());
                    counts.put(CountNames.rowsOf(table) + (next.action() == Action.MERGE ? ":merged" : ""), written);
                    journal.done(step(table), Map.of("rows", Long.toString(written), "fingerprint", next.table().fingerprint()));
                    pending.remove(table);
                });
                if (pending.size() == before) {
                    throw new VerificationException("the bundle's postgres store has no entry " + TableEntries.path(pending.keySet().iterator().next())
                            + " although " + TableEntries.SCHEMA + " lists the table", "export again with a compatible ferry-export");
                }
            }
        } catch (SQLException e) {
            throw loadFailed("close the connection after the load", e);
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.LOADED, counts, outputs, List.of());
    }

    private List<TablePlan> plan(BundleSchema schema, Journal journal) {
        try (Connection c = db.connect()) {
            List<String> diffs = SchemaCheck.differences(c, schema);
            if (!diffs.isEmpty()) {
                throw new MismatchException("the Target database schema differs from the bundle's (" + diffs.size() + "): "
                        + String.join("; ", diffs),
                        "run the same Alembic migrations on the Target as on the Source (runbook §1.3), then re-run; nothing was written");
            }
            TableLoader loader = new TableLoader(c);
            List<TablePlan> plans = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (TableSchema t : ordered(schema)) {
                long rows = loader.rows(t.name());
                ConflictPolicy policy = target.conflictPolicy(t.name());
                Action action;
                if (journal.isDone(step(t.name())) && loader.fingerprint(t).equals(t.fingerprint())) {
                    action = Action.DONE_BEFORE;
                } else if (rows == 0) {
                    action = Action.LOAD;
                } else if (loader.fingerprint(t).equals(t.fingerprint())) {
                    action = Action.IDENTICAL;
                } else if (!journal.isDone(step(t.name())) && policy != ConflictPolicy.REFUSE && t.primaryKey().isEmpty()) {
                    // skip/overwrite match rows by primary key; without one every row would be appended again.
                    refused.add(t.name() + " holds " + rows + " row(s) and has no primary key, so postgres.conflicts."
                            + t.name() + ": " + policy.name().toLowerCase() + " cannot tell its rows from the bundle's");
                    action = null;
                } else if (journal.isDone(step(t.name())) || policy != ConflictPolicy.REFUSE) {
                    // Merged by an earlier run under skip/overwrite: merging again changes nothing.
                    action = journal.isDone(step(t.name())) ? Action.DONE_BEFORE : Action.MERGE;
                } else {
                    refused.add(t.name() + " holds " + rows + " row(s) that differ from the bundle's " + t.rowCount());
                    action = null;
                }
                if (action != null) {
                    plans.add(new TablePlan(t, action, rows, policy));
                }
            }
            if (!refused.isEmpty()) {
                throw new MismatchException("the Target database already holds data: " + String.join("; ", refused),
                        "empty those tables, or set postgres.conflicts.<table> to skip (keep the Target's rows, add the missing ones) "
                                + "or overwrite (the bundle's rows win) in target.yaml; nothing was written");
            }
            return plans;
        } catch (SQLException e) {
            throw loadFailed("read the Target catalog", e);
        }
    }

    private static List<TableSchema> ordered(BundleSchema schema) {
        List<TableSchema> out = new ArrayList<>();
        for (String name : RUNBOOK_ORDER) {
            schema.tables().stream().filter(t -> t.name().equals(name)).forEach(out::add);
        }
        schema.tables().stream().filter(t -> !RUNBOOK_ORDER.contains(t.name())).forEach(out::add);
        return out;
    }

    private static String describe(TablePlan p) {
        return switch (p.action()) {
            case LOAD -> "load " + p.table().rowCount() + " rows";
            case IDENTICAL -> "already identical (" + p.targetRows() + " rows): skip";
            case DONE_BEFORE -> "loaded by an earlier run: skip";
            case MERGE -> p.policy().name().toLowerCase() + " into " + p.targetRows() + " existing rows (" + p.table().rowCount()
                    + " in the bundle)";
        };
    }

    /** The client's error, plus what a load failure leaves behind: the table being loaded was rolled back whole. */
    private StoreException loadFailed(String what, SQLException e) {
        StoreException se = db.translate(what, e);
        return new StoreException(se.problem(), se.fix() + " The table being loaded was rolled back, so --resume continues cleanly.", e);
    }

    private static String step(String table) {
        return "postgres." + table;
    }

    private static BundleSchema readSchema(VerifiedBundle bundle) {
        ObjectMapper json = new ObjectMapper();
        BundleSchema[] schema = new BundleSchema[1];
        bundle.read(STORE.label(), 1, entry -> {
            if (entry.path().equals(TableEntries.SCHEMA)) {
                schema[0] = BundleSchema.of(json.readTree(entry.open()));
            }
        });
        if (schema[0] == null) {
            throw new VerificationException("the bundle's postgres store has no " + TableEntries.SCHEMA,
                    "the bundle was not written by a compatible ferry-export; export again");
        }
        return schema[0];
    }
}
