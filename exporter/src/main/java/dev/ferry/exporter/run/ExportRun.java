package dev.ferry.exporter.run;

import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.cli.Progress;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.freeze.FreezeGuard;
import dev.ferry.exporter.freeze.SourceReading;
import dev.ferry.exporter.keycloak.KeycloakExporter;
import dev.ferry.exporter.keycloak.OfflineRealmExport;
import dev.ferry.exporter.objects.ChangeRule;
import dev.ferry.exporter.objects.ObjectListing;
import dev.ferry.exporter.objects.ObjectsExporter;
import dev.ferry.exporter.openfga.OpenFgaExporter;
import dev.ferry.exporter.postgres.PostgresExporter;
import dev.ferry.exporter.state.ExporterState;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import dev.ferry.stores.postgres.TableCopier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One export: opens the bundle, writes the chosen stores one after the other (a freeze pass lists the objects while
 * the stores before them are read), runs the freeze guard (unless the pass is live), notes what is not carried, writes the exporter's state for the next pass, and finishes (rename into
 * place). Any failure, a Source that moved, or {@link #abort()} from the Ctrl-C hook removes the temporary bundle.
 */
public final class ExportRun {
    /** The manifest note that records the freeze guard, and its two values. */
    public static final String FREEZE_GUARD_NOTE = "freeze-guard";
    public static final String GUARD_CHECKED = "checked";
    public static final String GUARD_SKIPPED = "skipped (live pass)";
    /** The manifest note written when the exporter's state could not be sealed. */
    public static final String STATE_NOTE = "exporter-state";
    /** The note of how long the export read and sealed the stores, as an ISO-8601 duration (e.g. PT42S). */
    public static final String DURATION_NOTE = "export-duration";

    private final SourceConfig config;
    private final Path configFile;
    private final Set<StoreKind> stores;
    private final OfflineRealmExport offline;
    private final Progress progress;
    private volatile BundleWriter writer;
    /** Runs between the last store's read and the freeze guard; tests move the Source here. */
    private Runnable afterRead = () -> {
    };

    public ExportRun(SourceConfig config, Path configFile, Set<StoreKind> stores, OfflineRealmExport offline, Progress progress) {
        this.config = config;
        this.configFile = configFile;
        this.stores = stores;
        this.offline = offline;
        this.progress = progress;
    }

    /**
     * How a pass runs.
     *
     * @param base the previous pass's state for a delta ({@code --since}), or null for a full pass
     * @param rule a delta's change-detection rule (null for a full pass)
     * @param live skip the freeze guard: a first pass while the Source is still in use
     * @param writeState write the exporter's state (the object catalog) for a later --since; false only when the
     *                   signing key has no encryption subkey to seal it to
     */
    public record PassOptions(ExporterState base, ChangeRule rule, boolean live, boolean writeState) {
        public static PassOptions full(boolean live) {
            return new PassOptions(null, null, live, true);
        }

        public boolean delta() {
            return base != null;
        }
    }

    /**
     * The sealed bundle and its per-store outcomes.
     *
     * @param freezeGuard the manifest note: {@link #GUARD_CHECKED} or {@link #GUARD_SKIPPED}
     * @param objects     a delta's object changes; null for a full pass or without objects
     */
    public record Outcome(Path bundle, Manifest manifest, List<StoreOutcome> stores, long nanos, String freezeGuard,
            ObjectsExporter.Changes objects) {
    }

    /** A full pass with the freeze guard. */
    public Outcome run(Path bundleDir, SealingOptions sealing) {
        return run(bundleDir, sealing, PassOptions.full(false));
    }

    public Outcome run(Path bundleDir, SealingOptions sealing, PassOptions pass) {
        long start = System.nanoTime();
        List<StoreOutcome> outcomes = new ArrayList<>();
        Readings readings = new Readings();
        ObjectListing ahead = null;
        try (BundleWriter w = BundleWriter.create(bundleDir, sealing)) {
            writer = w;
            // With the freeze guard on, the Source stands still (the guard lists the objects again at the end and
            // refuses the bundle if any moved), so the objects are listed while the other stores are read: the objects
            // store then waits no longer for the server's listing pages. A live pass lists them when their store
            // opens, as close as can be to the copy that reads them.
            if (!pass.live() && stores.contains(StoreKind.OBJECTS)) {
                ahead = objectsExporter().listAhead();
            }
            w.note("opensearch", "not carried: re-vectorize on the Target (runbook §1.5)");
            w.note("source-kind", "kea");
            if (pass.delta()) {
                w.base(pass.base().bundleId());
                w.note("change-detection", describe(pass.rule()));
            }
            for (StoreKind kind : stores) {
                long t0 = System.nanoTime();
                Map<String, Long> counts = new LinkedHashMap<>();
                long bytes;
                try (StoreWriter store = w.openStore(kind.label())) {
                    bytes = exportStore(kind, store, counts, pass, readings, ahead);
                }
                List<LeftOut> leftOut = kind == StoreKind.KEYCLOAK ? readings.leftOut : List.of();
                outcomes.add(new StoreOutcome(kind.label(), counts, bytes, System.nanoTime() - t0, leftOut));
            }
            afterRead.run();
            if (!pass.live()) {
                try (Progress.Task task = progress.start("freeze guard", "stores", stores.size(), "stores")) {
                    new FreezeGuard(config, configFile).check(readings.reading(), () -> task.advance(1));
                }
            }
            String guard = pass.live() ? GUARD_SKIPPED : GUARD_CHECKED;
            w.note(FREEZE_GUARD_NOTE, guard);
            // The stores' reading and sealing time, for the migration report's timeline (the manifest has only the start).
            w.note(DURATION_NOTE, java.time.Duration.ofNanos(System.nanoTime() - start).withNanos(0).toString());
            if (readings.objects != null && !pass.writeState()) {
                w.note(STATE_NOTE, "not written: the signing key has no encryption subkey, so this bundle cannot be a --since base");
            } else if (readings.objects != null) {
                try (OutputStream state = w.exporterState()) {
                    ExporterState.write(state, w.bundleId(), readings.objects.listedAt(), readings.objects.catalog());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Manifest manifest = w.finish();
            return new Outcome(bundleDir, manifest, outcomes, System.nanoTime() - start, guard,
                    readings.objects == null ? null : readings.objects.changes());
        } finally {
            writer = null;
            if (ahead != null) {
                ahead.close();
            }
        }
    }

    /** The cleartext note of a delta's rule: no store content, only the rule and the base's time. */
    static String describe(ChangeRule rule) {
        String metadata = "size, ETag, last-modified after " + rule.changedAfter() + " (base listing " + rule.baseListedAt()
                + " minus " + rule.safetyMargin().toSeconds() + " s)";
        return rule.compareContent() ? metadata + ", and SHA-256 of every other object (compare-content)" : metadata;
    }

    /** What each store's read gave, for the freeze guard and the state. */
    private static final class Readings {
        Map<String, TableCopier.CopyResult> tables;
        KeycloakExporter.Reading keycloak;
        OpenFgaExporter.Reading openfga;
        ObjectsExporter.Result objects;
        List<LeftOut> leftOut = List.of();

        SourceReading reading() {
            return new SourceReading(tables, keycloak, openfga, objects == null ? null : objects.catalog());
        }
    }

    private ObjectsExporter objectsExporter() {
        return new ObjectsExporter(SourceConfig.require(config.objects(), StoreKind.OBJECTS.label(), configFile),
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** Writes one store; {@code ahead} is the objects' listing when it was started early, else null. */
    private long exportStore(StoreKind kind, StoreWriter store, Map<String, Long> counts, PassOptions pass, Readings readings,
            ObjectListing ahead) {
        switch (kind) {
            case POSTGRES -> {
                PostgresExporter.Result r = new PostgresExporter(SourceConfig.require(config.postgres(), kind.label(), configFile))
                        .export(store, progress);
                counts.put(CountNames.TABLES, (long) r.tables().size());
                counts.put(CountNames.ROWS, r.rows());
                r.tables().forEach(t -> counts.put(CountNames.rowsOf(t.table()), t.rows()));
                Map<String, TableCopier.CopyResult> tables = new LinkedHashMap<>();
                r.tables().forEach(t -> tables.put(t.table(), t));
                readings.tables = tables;
                return r.bytes();
            }
            case KEYCLOAK -> {
                KeycloakExporter.Result r = new KeycloakExporter(SourceConfig.require(config.keycloak(), kind.label(), configFile))
                        .export(store, progress, offline);
                counts.put(CountNames.USERS, r.users());
                counts.put(CountNames.GROUPS, r.groups());
                counts.put(CountNames.MEMBERSHIPS, r.memberships());
                counts.put(CountNames.USERS_PASSWORD_RESET, r.passwordResets());
                counts.put(CountNames.USERS_WEBAUTHN, r.webauthnUsers());
                counts.put(CountNames.SERVICE_ACCOUNTS, r.serviceAccounts());
                counts.put(CountNames.LEFT_OUT, (long) r.leftOut().size());
                readings.leftOut = r.leftOut();
                if (offline != null) {
                    counts.put(CountNames.OFFLINE_USERS, r.offlineUsers());
                    counts.put(CountNames.CROSSCHECK_DIFFERENCES, (long) r.crosscheckDifferences());
                }
                readings.keycloak = new KeycloakExporter.Reading(r.userDigests(), r.groupsDigest());
                return r.bytes();
            }
            case OPENFGA -> {
                OpenFgaExporter.Result r = new OpenFgaExporter(SourceConfig.require(config.openfga(), kind.label(), configFile))
                        .export(store, progress);
                counts.put(CountNames.MODELS, (long) r.models());
                counts.put(CountNames.TUPLES, r.tuples());
                counts.put(CountNames.TUPLES_USERNAME_FORM, r.usernameForm());
                readings.openfga = new OpenFgaExporter.Reading(r.tuples(), r.fingerprint());
                return r.bytes();
            }
            case OBJECTS -> {
                ObjectsExporter.Since since = pass.delta()
                        ? new ObjectsExporter.Since(pass.base().catalog(), pass.rule()) : null;
                ObjectsExporter objects = objectsExporter();
                ObjectsExporter.Result r = ahead == null ? objects.export(store, progress, since)
                        : objects.export(store, progress, since, ahead);
                counts.put(CountNames.BUCKETS, (long) r.buckets());
                counts.put(CountNames.OBJECTS, r.objects());
                counts.put(CountNames.BYTES, r.bytes());
                if (r.changes() != null) {
                    counts.put("objects:added", r.changes().added());
                    counts.put("objects:changed", r.changes().changed());
                    counts.put("objects:deleted", r.changes().deleted());
                    counts.put("objects:unchanged", r.changes().unchanged());
                    counts.put("catalog", r.catalog().size());
                }
                readings.objects = r;
                return r.bytes();
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    /** Called from the Ctrl-C hook: removes the temporary bundle so nothing half-written remains. */
    public void abort() {
        BundleWriter w = writer;
        if (w != null) {
            w.close();
        }
    }

    /** Sets what runs between the stores' reads and the freeze guard (package-private: a test seam, not an option). */
    void afterRead(Runnable hook) {
        this.afterRead = hook;
    }
}
