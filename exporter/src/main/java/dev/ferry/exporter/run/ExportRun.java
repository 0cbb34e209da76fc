package dev.ferry.exporter.run;

import dev.ferry.stores.CountNames;
import dev.ferry.stores.StoreKind;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.keycloak.KeycloakExporter;
import dev.ferry.exporter.keycloak.OfflineRealmExport;
import dev.ferry.exporter.objects.ObjectsExporter;
import dev.ferry.exporter.openfga.OpenFgaExporter;
import dev.ferry.exporter.postgres.PostgresExporter;
import dev.ferry.cli.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One export: opens the bundle, writes the chosen stores one after the other, notes what is not carried, and
 * finishes (rename into place). Any failure, or {@link #abort()} from the Ctrl-C hook, removes the temporary bundle.
 */
public final class ExportRun {
    private final SourceConfig config;
    private final Path configFile;
    private final Set<StoreKind> stores;
    private final OfflineRealmExport offline;
    private final Progress progress;
    private volatile BundleWriter writer;

    public ExportRun(SourceConfig config, Path configFile, Set<StoreKind> stores, OfflineRealmExport offline, Progress progress) {
        this.config = config;
        this.configFile = configFile;
        this.stores = stores;
        this.offline = offline;
        this.progress = progress;
    }

    /** The sealed bundle and its per-store outcomes. */
    public record Outcome(Path bundle, Manifest manifest, List<StoreOutcome> stores, long nanos) {
    }

    public Outcome run(Path bundleDir, SealingOptions sealing) {
        long start = System.nanoTime();
        List<StoreOutcome> outcomes = new ArrayList<>();
        try (BundleWriter w = BundleWriter.create(bundleDir, sealing)) {
            writer = w;
            w.note("opensearch", "not carried: re-vectorize on the Target (runbook §1.5)");
            w.note("source-kind", "kea");
            for (StoreKind kind : stores) {
                long t0 = System.nanoTime();
                Map<String, Long> counts = new LinkedHashMap<>();
                long bytes;
                try (StoreWriter store = w.openStore(kind.label())) {
                    bytes = exportStore(kind, store, counts);
                }
                outcomes.add(new StoreOutcome(kind.label(), counts, bytes, System.nanoTime() - t0));
            }
            Manifest manifest = w.finish();
            return new Outcome(bundleDir, manifest, outcomes, System.nanoTime() - start);
        } finally {
            writer = null;
        }
    }

    private long exportStore(StoreKind kind, StoreWriter store, Map<String, Long> counts) {
        switch (kind) {
            case POSTGRES -> {
                PostgresExporter.Result r = new PostgresExporter(SourceConfig.require(config.postgres(), kind.label(), configFile))
                        .export(store, progress);
                counts.put(CountNames.TABLES, (long) r.tables().size());
                counts.put(CountNames.ROWS, r.rows());
                r.tables().forEach(t -> counts.put(CountNames.rowsOf(t.table()), t.rows()));
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
                if (offline != null) {
                    counts.put(CountNames.OFFLINE_USERS, r.offlineUsers());
                    counts.put(CountNames.CROSSCHECK_DIFFERENCES, (long) r.crosscheckDifferences());
                }
                return r.bytes();
            }
            case OPENFGA -> {
                OpenFgaExporter.Result r = new OpenFgaExporter(SourceConfig.require(config.openfga(), kind.label(), configFile))
                        .export(store, progress);
                counts.put(CountNames.MODELS, (long) r.models());
                counts.put(CountNames.TUPLES, r.tuples());
                counts.put(CountNames.TUPLES_USERNAME_FORM, r.usernameForm());
                return r.bytes();
            }
            case OBJECTS -> {
                ObjectsExporter.Result r = new ObjectsExporter(SourceConfig.require(config.objects(), kind.label(), configFile),
                        Math.max(2, Runtime.getRuntime().availableProcessors()))
                        .export(store, progress);
                counts.put(CountNames.BUCKETS, (long) r.buckets());
                counts.put(CountNames.OBJECTS, r.objects());
                counts.put(CountNames.BYTES, r.bytes());
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
}
