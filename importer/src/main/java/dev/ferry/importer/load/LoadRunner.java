package dev.ferry.importer.load;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.cli.Progress;
import dev.ferry.common.ConfigException;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.delta.BaseLoad;
import dev.ferry.importer.delta.keycloak.KeycloakState;
import dev.ferry.importer.delta.keycloak.KeycloakSync;
import dev.ferry.importer.journal.BundleRecord;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.importer.keycloak.KeycloakLoader;
import dev.ferry.importer.objects.ObjectsLoader;
import dev.ferry.importer.openfga.OpenFgaLoader;
import dev.ferry.importer.postgres.PostgresLoader;
import dev.ferry.common.StoreKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load, in the order the runbook fixes: verify the whole bundle (any failure: nothing is written anywhere), check
 * every selected Target store, all at once (any refusal: nothing is written anywhere, and every store's refusals are
 * reported together), then Keycloak → OpenFGA → PostgreSQL → objects. Each store's completion is journaled, so --resume skips what is done and a re-run of a finished load
 * changes nothing.
 */
public final class LoadRunner {
    /** The runbook's load order. */
    public static final List<StoreKind> LOAD_ORDER = List.of(StoreKind.KEYCLOAK, StoreKind.OPENFGA, StoreKind.POSTGRES, StoreKind.OBJECTS);
    /** The stores' names in load order, as --stores takes them. */
    public static final List<String> ORDER = LOAD_ORDER.stream().map(StoreKind::label).toList();

    private final Progress progress;

    public LoadRunner(Progress progress) {
        this.progress = progress;
    }

    public LoadSummary run(LoadOptions options) {
        java.time.Instant began = java.time.Instant.now();
        TargetConfig config = TargetConfig.load(options.config());
        for (String s : options.stores()) {
            if (!ORDER.contains(s)) {
                throw new ConfigException("--stores names '" + s + "', which is not a store", "use any of " + String.join(",", ORDER));
            }
        }
        SignerKey signer = KeyFiles.signer(options.signer());
        DecryptionKey key = KeyFiles.decryptionKey(options.decryptionKey(), options.passphrase());
        progress.info("bundle", "verifying " + options.bundleDir() + " (signatures, every checksum, every count)");
        VerifiedBundle bundle = BundleVerifier.verify(options.bundleDir(), signer, key);
        java.time.Duration verifyTime = java.time.Duration.between(began, java.time.Instant.now());
        String bundleId = bundle.manifest().bundleId();
        BaseLoad base = BaseLoad.of(bundle.manifest(), config.stateDirPath()).orElse(null);
        if (base != null) {
            progress.info("bundle", base.forDelta() ? "delta of bundle " + base.bundleId() + ", whose load into this Target completed"
                    : "this Target holds bundle " + base.bundleId() + " (the last load into it): this full bundle replaces it store by "
                            + "store, as a delta would");
        }

        List<StoreKind> selected = LOAD_ORDER.stream().filter(k -> options.stores().contains(k.label()))
                .filter(k -> bundle.stores().contains(k.label())).toList();
        Map<StoreKind, StoreLoader> loaders = new LinkedHashMap<>();
        for (StoreKind s : selected) {
            loaders.put(s, loader(s, config, options, base));
        }

        try (Journal journal = Journal.open(config.stateDirPath(), bundleId)) {
            boolean allDone = selected.stream().allMatch(s -> journal.isDone(step(s)));
            if (journal.existed() && allDone && !selected.isEmpty()) {
                List<StoreOutcome> outcomes = selected.stream().map(s -> fromJournal(journal, s)).toList();
                return new LoadSummary(bundleId, options.dryRun(), journal.file(), "bundle " + bundleId
                        + " was already loaded into this Target (journal " + journal.file() + "): nothing was changed", outcomes);
            }
            if (journal.existed() && !options.resume() && !options.dryRun()) {
                String last = journal.lastStep().map(s -> s.name() + " (" + s.state().name().toLowerCase() + " at " + s.at() + ")").orElse("none");
                throw new ConfigException("an earlier load of bundle " + bundleId + " into this Target did not finish; last step: " + last,
                        "re-run the same command with --resume to continue it without duplicating anything (journal " + journal.file() + ")");
            }

            List<StoreOutcome> outcomes = TargetChecks.run(loaders.values().stream().filter(l -> !journal.isDone(step(l.store()))).toList(),
                    bundle, journal, progress);
            if (options.dryRun()) {
                return new LoadSummary(bundleId, true, null, "dry run: the bundle verified and the Target accepts it; nothing was written",
                        withSkipped(outcomes, selected, journal));
            }

            if (journal.step(BundleRecord.STEP).isEmpty()) {
                // What the migration report needs of the bundle, kept on the Target side where the passes are followed.
                Map<String, String> facts = new LinkedHashMap<>(BundleRecord.of(bundle.manifest()).details());
                facts.put(BundleRecord.LOAD_STARTED, began.toString());
                facts.put(BundleRecord.VERIFY_DURATION, verifyTime.toString());
                journal.done(BundleRecord.STEP, facts);
            }
            List<StoreOutcome> loaded = new ArrayList<>();
            for (StoreLoader l : loaders.values()) {
                if (journal.isDone(step(l.store()))) {
                    loaded.add(fromJournal(journal, l.store()));
                    continue;
                }
                StoreOutcome o = l.load(bundle, journal, progress);
                if (l.store() == StoreKind.KEYCLOAK && !(l instanceof KeycloakSync)) {
                    // What this load left in the realm, for the next load's sync and its Target-moved check (a sync
                    // journals it itself, from the read it makes after writing).
                    KeycloakState.record(bundle, config.keycloak(), journal);
                }
                Map<String, String> details = new LinkedHashMap<>(o.outputs());
                o.counts().forEach((k, v) -> details.put("count." + k, Long.toString(v)));
                journal.done(step(l.store()), details);
                loaded.add(o);
            }
            if (LOAD_ORDER.stream().filter(k -> bundle.stores().contains(k.label())).allMatch(k -> journal.isDone(step(k)))) {
                journal.markComplete();
            }
            return new LoadSummary(bundleId, false, journal.file(), "loaded " + selected.stream().map(StoreKind::label)
                    .collect(java.util.stream.Collectors.joining(", "))
                    + (options.resume() ? " (resumed)" : ""), loaded);
        }
    }

    private List<StoreOutcome> withSkipped(List<StoreOutcome> planned, List<StoreKind> selected, Journal journal) {
        List<StoreOutcome> all = new ArrayList<>();
        for (StoreKind s : selected) {
            all.add(planned.stream().filter(o -> o.store() == s).findFirst().orElseGet(() -> fromJournal(journal, s)));
        }
        return all;
    }

    private static StoreOutcome fromJournal(Journal journal, StoreKind store) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> outputs = new LinkedHashMap<>();
        journal.step(step(store)).map(StepRecord::details).orElse(Map.of()).forEach((k, v) -> {
            if (k.startsWith("count.")) {
                counts.put(k.substring("count.".length()), Long.parseLong(v));
            } else {
                outputs.put(k, v);
            }
        });
        return new StoreOutcome(store, StoreOutcome.Status.ALREADY_LOADED, counts, outputs, List.of());
    }

    private static String step(StoreKind store) {
        return "load." + store.label();
    }

    private static StoreLoader loader(StoreKind store, TargetConfig config, LoadOptions options, BaseLoad base) {
        Object section = switch (store) {
            case KEYCLOAK -> config.keycloak();
            case OPENFGA -> config.openfga();
            case POSTGRES -> config.postgres();
            case OBJECTS -> config.objects();
        };
        if (section == null) {
            throw new ConfigException(options.config() + " has no '" + store.label() + "' section, but the " + store.label()
                    + " store is to be loaded", "add the section (see docs/target.example.yaml), or leave the store out with --stores");
        }
        if (store == StoreKind.KEYCLOAK && base != null && base.has(step(StoreKind.KEYCLOAK))) {
            // The earlier load wrote the realm: this one syncs it (a first Keycloak load merges as usual).
            if (!KeycloakSync.follows(base)) {
                throw KeycloakSync.unrecorded(base);
            }
            return new KeycloakSync(config.keycloak(), base);
        }
        return switch (store) {
            case KEYCLOAK -> new KeycloakLoader(config.keycloak(), options.keycloakOverwrite());
            case OPENFGA -> new OpenFgaLoader(config.openfga(), base);
            case POSTGRES -> new PostgresLoader(config.postgres(), base, options.dryRun());
            case OBJECTS -> new ObjectsLoader(config.objects(), base);
        };
    }
}
