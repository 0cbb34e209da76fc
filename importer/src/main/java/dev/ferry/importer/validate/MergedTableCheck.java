package dev.ferry.importer.validate;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.stores.postgres.ColumnInfo;
import dev.ferry.importer.config.ConflictPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runbook §1.6 for a table the load merged into existing Target rows under postgres.conflicts skip or overwrite, where
 * whole-table equality cannot hold (the Target keeps its own rows). Proves what the policy promises instead: every
 * bundle row's primary key is on the Target, with the bundle's exact row (overwrite), or with either the bundle's row
 * or the row the Target already had (skip). Target-only rows are allowed and counted.
 *
 * <p>Streams the bundle's rows in batches of {@link #BATCH} and asks the Target for the rows with those keys, through
 * the fingerprint's own COPY definition, so a row is "identical" exactly when its COPY text is; neither side is ever
 * held whole in memory, and no key order has to be compared outside PostgreSQL.
 */
final class MergedTableCheck {
    /** Bundle rows held at once: bounds memory and the size of one Target query. */
    static final int BATCH = 500;

    private final VerifiedBundle bundle;
    private final TargetPostgres target;
    private final PostgresChecks.CarriedTable table;
    private final ConflictPolicy policy;
    private final TableDiff rows;
    private final Differences differences = new Differences();
    private long identical;
    private long kept;
    private long altered;
    private long missing;

    MergedTableCheck(VerifiedBundle bundle, TargetPostgres target, PostgresChecks.CarriedTable table,
            ConflictPolicy policy) {
        this.bundle = bundle;
        this.target = target;
        this.table = table;
        this.policy = policy;
        this.rows = new TableDiff(table.name(), table.info().columns().stream().map(ColumnInfo::name).toList(),
                table.info().primaryKey());
    }

    /**
     * @param expected   what the bundle says, for the report
     * @param targetRows the Target table's row count, from the same snapshot
     */
    Outcome run(String expected, long targetRows) {
        bundle.read(PostgresChecks.STORE, 1, entry -> {
            if (!entry.path().equals(table.path())) {
                return;
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(entry.open(), StandardCharsets.UTF_8), 1 << 16)) {
                Map<String, String[]> batch = new LinkedHashMap<>();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] row = TableDiff.fields(line);
                    batch.put(keyText(row), row);
                    if (batch.size() == BATCH) {
                        compare(batch);
                    }
                }
                compare(batch);
            }
        });
        long present = identical + kept + altered;
        String name = policy.name().toLowerCase(Locale.ROOT);
        String actual = "merged under postgres.conflicts " + name + ": " + targetRows + " rows = " + identical
                + " bundle rows identical" + (policy == ConflictPolicy.SKIP ? " + " + kept + " kept from the Target under skip" : "")
                + (altered > 0 ? " + " + altered + " altered" : "") + " + " + (targetRows - present) + " Target-only"
                + (missing > 0 ? "; " + missing + " bundle rows missing" : "");
        return Outcome.of(expected, actual, differences);
    }

    /** Looks the batch's keys up on the Target, classifies each row found, names every key not found; empties the batch. */
    private void compare(Map<String, String[]> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<String[]> keys = new ArrayList<>(batch.size());
        batch.values().forEach(r -> keys.add(rows.keyFields(r)));
        target.rowsWithKeys(table.info(), keys, line -> {
            String[] found = TableDiff.fields(line);
            String[] wanted = batch.remove(keyText(found));
            if (wanted == null) {
                return;
            }
            List<String> changed = rows.changedColumns(wanted, found);
            if (changed.isEmpty()) {
                identical++;
            } else if (policy == ConflictPolicy.SKIP) {
                // A skip load never writes over an existing key, so a differing row is the one the Target already had.
                kept++;
            } else {
                altered++;
                differences.add("row " + rows.key(wanted) + " differs in column(s): " + String.join(", ", changed)
                        + " although postgres.conflicts." + table.name() + " is overwrite (the bundle's row should have replaced it)");
            }
        });
        missing += batch.size();
        batch.values().forEach(r -> differences.add("row " + rows.key(r) + " is in the bundle but missing on the Target"));
        batch.clear();
    }

    private String keyText(String[] row) {
        return String.join("\t", rows.keyFields(row));
    }
}
