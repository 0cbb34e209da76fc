package dev.ferry.importer.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.common.VerificationException;
import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.config.PostgresTarget;
import dev.ferry.importer.delta.BaseLoad;
import dev.ferry.importer.journal.Journal;
import dev.ferry.cli.Progress;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.importer.postgres.BundleSchema.TableSchema;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
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
    /** The earlier load a delta builds on; null for a full bundle. */
    private final BaseLoad base;
    /** Whether check() also counts, in a rolled-back transaction, what a sync would add, change and remove. */
    private final boolean countChanges;

    public PostgresLoader(PostgresTarget target) {
        this(target, null, false);
    }

    public PostgresLoader(PostgresTarget target, BaseLoad base, boolean countChanges) {
        this.target = target;
        this.db = new PostgresClient(target.connection());
        this.base = base;
        this.countChanges = countChanges;
    }

    @Override
    public StoreKind store() {
        return STORE;
    }

    enum Action { LOAD, IDENTICAL, MERGE, DONE_BEFORE, SYNC }

    /** {@code targetFingerprint}: the Target table's fingerprint when planned. */
    record TablePlan(TableSchema table, Action action, long targetRows, ConflictPolicy policy, String targetFingerprint) {
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
        if (countChanges) {
            drySync(bundle, plans).forEach((table, c) -> {
                counts.put(CountNames.rowsOf(table) + ":added", c.added());
                counts.put(CountNames.rowsOf(table) + ":changed", c.changed());
                counts.put(CountNames.rowsOf(table) + ":removed", c.removed());
            });
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
            if (p.action() == Action.LOAD || p.action() == Action.MERGE || p.action() == Action.SYNC) {
                pending.put(p.table().name(), p);
            } else {
                counts.put(CountNames.rowsOf(p.table().name()) + ":already-present", p.table().rowCount());
                if (!journal.isDone(step(p.table().name()))) {
                    journal.done(step(p.table().name()), Map.of("rows", Long.toString(p.table().rowCount()), "fingerprint",
                            p.table().fingerprint(), "targetFingerprint", p.targetFingerprint()));
                }
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
                    String targetFingerprint;
                    try {
                        if (next.action() == Action.SYNC) {
                            TableLoader.SyncChanges sc = loader.sync(next.table(), entry.open(), next.policy(), true);
                            counts.put(CountNames.rowsOf(table) + ":added", sc.added());
                            counts.put(CountNames.rowsOf(table) + ":changed", sc.changed());
                            counts.put(CountNames.rowsOf(table) + ":removed", sc.removed());
                            written = sc.total();
                        } else {
                            written = loader.load(next.table(), entry.open(), next.policy());
                            counts.put(CountNames.rowsOf(table) + (next.action() == Action.MERGE ? ":merged" : ""), written);
                        }
                        // What the table holds now: a later delta checks that no one changed it in between.
                        targetFingerprint = next.policy() == ConflictPolicy.REFUSE ? next.table().fingerprint()
                                : loader.fingerprint(next.table());
                    } catch (SQLException e) {
                        // Thrown out of the bundle's reader, a checked exception would arrive wrapped: translate it here.
                        throw loadFailed("load table " + table, e);
                    }
                    task.advance(next.table().rowCount());
                    journal.done(step(table), Map.of("rows", Long.toString(written), "fingerprint", next.table().fingerprint(),
                            "targetFingerprint", targetFingerprint));
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
            if (base != null) {
                return deltaPlan(loader, schema, journal);
            }
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
                    plans.add(new TablePlan(t, action, rows, policy, loader.fingerprint(t)));
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

    /**
     * A delta, or any bundle after its base: every table the base loaded must still hold what that load left (else
     * someone changed the Target in between, and the load refuses with the tables); then each table that differs from
     * the bundle is synced by primary key. A table the base did not carry is loaded as in a full load, if empty.
     */
    private List<TablePlan> deltaPlan(TableLoader loader, BundleSchema schema, Journal journal) throws SQLException {
        List<TablePlan> plans = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (TableSchema t : ordered(schema)) {
            long rows = loader.rows(t.name());
            String now = loader.fingerprint(t);
            ConflictPolicy policy = target.conflictPolicy(t.name());
            Map<String, String> before = base.step(step(t.name()));
            Map<String, String> mine = journal.step(step(t.name())).filter(StepRecord::done).map(StepRecord::details).orElse(Map.of());
            Action action;
            if (now.equals(mine.get("targetFingerprint")) || (!mine.isEmpty() && now.equals(t.fingerprint()))) {
                action = Action.DONE_BEFORE;
            } else if (now.equals(t.fingerprint())) {
                action = Action.IDENTICAL;
            } else if (before.isEmpty()) {
                if (rows != 0) {
                    refused.add(t.name() + " holds " + rows + " row(s), and bundle " + base.bundleId() + " did not load it");
                }
                action = Action.LOAD;
            } else {
                // Loads journaled before the Target's own fingerprint was recorded hold the bundle's, which a merged
                // table (skip/overwrite) never equals: such a table cannot be checked.
                String expected = before.get("targetFingerprint");
                if (expected == null && policy == ConflictPolicy.REFUSE) {
                    expected = before.get("fingerprint");
                }
                // A run of this load that started the table may have committed its sync before a crash.
                boolean startedHere = journal.step(step(t.name())).isPresent();
                if (expected != null && !expected.equals(now) && !startedHere) {
                    moved.add(t.name() + " (" + rows + " row(s) now, " + before.getOrDefault("rows", "?")
                            + " written by the load of bundle " + base.bundleId() + ")");
                }
                action = Action.SYNC;
            }
            plans.add(new TablePlan(t, action, rows, policy, now));
        }
        if (!moved.isEmpty()) {
            throw new MismatchException("the Target database changed since bundle " + base.bundleId() + " was loaded; tables: "
                    + String.join("; ", moved),
                    "find out who wrote to the Target (kea must stay stopped until the freeze load is validated); restore the "
                            + "Target from its backup and load again, or load the full bundles onto a fresh Target; nothing was written");
        }
        if (!refused.isEmpty()) {
            throw new MismatchException("the Target database already holds data: " + String.join("; ", refused),
                    "empty those tables, then re-run; nothing was written");
        }
        return plans;
    }

    /** What syncing each SYNC table would do, counted in transactions that are rolled back (the dry run). */
    private Map<String, TableLoader.SyncChanges> drySync(VerifiedBundle bundle, List<TablePlan> plans) {
        Map<String, TablePlan> sync = new LinkedHashMap<>();
        plans.stream().filter(p -> p.action() == Action.SYNC).forEach(p -> sync.put(p.table().name(), p));
        Map<String, TableLoader.SyncChanges> out = new LinkedHashMap<>();
        if (sync.isEmpty()) {
            return out;
        }
        try (Connection c = db.connect()) {
            TableLoader loader = new TableLoader(c);
            bundle.read(STORE.label(), 1, entry -> {
                if (!TableEntries.isTable(entry.path())) {
                    return;
                }
                TablePlan p = sync.get(entry.metadata().path("table").asText(TableEntries.tableOf(entry.path())));
                if (p != null) {
                    try {
                        out.put(p.table().name(), loader.sync(p.table(), entry.open(), p.policy(), false));
                    } catch (SQLException e) {
                        throw loadFailed("count the changes of table " + p.table().name(), e);
                    }
                }
            });
        } catch (SQLException e) {
            throw loadFailed("close the connection after the dry run", e);
        }
        return out;
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
            case SYNC -> "sync by primary key to the bundle's " + p.table().rowCount() + " rows (" + p.targetRows() + " now)"
                    + (p.policy() == ConflictPolicy.REFUSE ? "" : ", " + p.policy().name().toLowerCase() + ": nothing deleted"
                    + (p.policy() == ConflictPolicy.SKIP ? ", existing rows kept" : ""));
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
