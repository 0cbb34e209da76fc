package dev.ferry.importer.load;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.ConfigException;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.importer.keycloak.KeycloakLoader;
import dev.ferry.importer.objects.ObjectsLoader;
import dev.ferry.importer.openfga.OpenFgaLoader;
import dev.ferry.importer.postgres.PostgresLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load, in the order the runbook fixes: verify the whole bundle (any failure: nothing is written anywhere), check
 * every selected Target store (any refusal: nothing is written anywhere), then Keycloak → OpenFGA → PostgreSQL →
 * objects. Each store's completion is journaled, so --resume skips what is done and a re-run of a finished load
 * changes nothing.
 */
public final class LoadRunner {
    public static final List<String> ORDER = List.of("keycloak", "openfga", "postgres", "objects");

    private final Progress progress;

    public LoadRunner(Progress progress) {
        this.progress = progress;
    }

    public LoadSummary run(LoadOptions options) {
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
        String bundleId = bundle.manifest().bundleId();
        refuseDelta(bundle.manifest());

        List<String> selected = ORDER.stream().filter(options.stores()::contains).filter(bundle.stores()::contains).toList();
        Map<String, StoreLoader> loaders = new LinkedHashMap<>();
        for (String s : selected) {
            loaders.put(s, loader(s, config, options));
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

            List<StoreOutcome> outcomes = new ArrayList<>();
            for (StoreLoader l : loaders.values()) {
                if (journal.isDone(step(l.store()))) {
                    continue;
                }
                progress.info(l.store(), "checking the Target");
                outcomes.add(l.check(bundle, journal));
            }
            if (options.dryRun()) {
                return new LoadSummary(bundleId, true, null, "dry run: the bundle verified and the Target accepts it; nothing was written",
                        withSkipped(outcomes, selected, journal));
            }

            List<StoreOutcome> loaded = new ArrayList<>();
            for (StoreLoader l : loaders.values()) {
                if (journal.isDone(step(l.store()))) {
                    loaded.add(fromJournal(journal, l.store()));
                    continue;
                }
                StoreOutcome o = l.load(bundle, journal, progress);
                Map<String, String> details = new LinkedHashMap<>(o.outputs());
                o.counts().forEach((k, v) -> details.put("count." + k, Long.toString(v)));
                journal.done(step(l.store()), details);
                loaded.add(o);
            }
            if (bundle.stores().stream().filter(ORDER::contains).allMatch(s -> journal.isDone(step(s)))) {
                journal.markComplete();
            }
            return new LoadSummary(bundleId, false, journal.file(), "loaded " + String.join(", ", selected)
                    + (options.resume() ? " (resumed)" : ""), loaded);
        }
    }

    private List<StoreOutcome> withSkipped(List<StoreOutcome> planned, List<String> selected, Journal journal) {
        List<StoreOutcome> all = new ArrayList<>();
        for (String s : selected) {
            all.add(planned.stream().filter(o -> o.store().equals(s)).findFirst().orElseGet(() -> fromJournal(journal, s)));
        }
        return all;
    }

    private static StoreOutcome fromJournal(Journal journal, String store) {
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

    private static String step(String store) {
        return "load." + store;
    }

    private static StoreLoader loader(String store, TargetConfig config, LoadOptions options) {
        Object section = switch (store) {
            case "keycloak" -> config.keycloak();
            case "openfga" -> config.openfga();
            case "postgres" -> config.postgres();
            default -> config.objects();
        };
        if (section == null) {
            throw new ConfigException(options.config() + " has no '" + store + "' section, but the " + store + " store is to be loaded",
                    "add the section (see docs/target.example.yaml), or leave the store out with --stores");
        }
        return switch (store) {
            case "keycloak" -> new KeycloakLoader(config.keycloak(), options.keycloakOverwrite());
            case "openfga" -> new OpenFgaLoader(config.openfga());
            case "postgres" -> new PostgresLoader(config.postgres());
            default -> new ObjectsLoader(config.objects());
        };
    }

    /**
     * A delta (format version 2) holds only the objects changed since its base: loaded as if it were whole it would
     * leave the Target short of every unchanged object. Until the load applies deltas, it refuses them.
     */
    public static void refuseDelta(dev.ferry.archive.manifest.Manifest manifest) {
        if (manifest.isDelta()) {
            throw new ConfigException("bundle " + manifest.bundleId() + " is a delta of bundle " + manifest.base()
                    + " (format version 2): it carries only the objects changed since, and this Ferry cannot load a delta yet",
                    "load the full bundles (ferry-export run without --since), or use a Ferry whose load applies deltas");
        }
    }
}
