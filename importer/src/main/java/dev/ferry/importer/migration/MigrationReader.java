package dev.ferry.importer.migration;

import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import dev.ferry.common.StoreKind;
import dev.ferry.importer.journal.BundleRecord;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.importer.load.LoadRunner;
import dev.ferry.importer.validate.ValidationRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the migration from the Target's state dir alone: the journals the loads left (one per bundle, each naming its
 * base), and the records the validations left. The last pass is the most recently started load; the passes before it
 * are its chain of bases. Reads only.
 */
public final class MigrationReader {
    private static final String JOURNAL = ".journal.json";
    private static final java.util.regex.Pattern BUNDLE_ID = java.util.regex.Pattern.compile("[0-9a-f]{32}");

    private final Clock clock;

    public MigrationReader(Clock clock) {
        this.clock = clock;
    }

    public Migration read(Path stateDir) {
        Map<String, Journal> journals = journals(stateDir);
        if (journals.isEmpty()) {
            throw new ConfigException("the state dir " + stateDir + " holds no load journal: no bundle was loaded with this target.yaml",
                    "run ferry-import load with the same target.yaml (its stateDir) first, or give the target.yaml that the loads used");
        }
        Map<String, Pass> all = new LinkedHashMap<>();
        journals.forEach((id, j) -> all.put(id, pass(stateDir, id, j)));
        Pass last = all.values().stream().max(Comparator.comparing(p -> p.loadStarted() == null ? Instant.EPOCH : p.loadStarted()))
                .orElseThrow();
        List<Pass> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Pass p = last; p != null && seen.add(p.bundleId()); p = p.delta() ? all.get(p.bundle().base()) : null) {
            chain.add(p);
        }
        Collections.reverse(chain);
        return new Migration(stateDir, chain, decide(chain), clock.instant());
    }

    private static Map<String, Journal> journals(Path stateDir) {
        Map<String, Journal> out = new LinkedHashMap<>();
        if (!Files.isDirectory(stateDir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDir, "*" + JOURNAL)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - JOURNAL.length());
                if (!BUNDLE_ID.matcher(id).matches()) {
                    continue; // an upgrade's journal (upgrade-…) shares the state dir; it is no pass
                }
                try (Journal j = Journal.open(stateDir, id)) {
                    out.put(id, j);
                }
            }
        } catch (IOException e) {
            throw new LocalIoException("cannot list the state dir " + stateDir + ": " + LocalIoException.reason(e, stateDir),
                    "make it readable (stateDir in target.yaml), then run the report again", e);
        }
        return out;
    }

    private static Pass pass(Path stateDir, String id, Journal j) {
        BundleRecord bundle = BundleRecord.in(j, id).orElse(null);
        Map<String, String> facts = j.step(BundleRecord.STEP).map(StepRecord::details).orElse(Map.of());
        Instant started = instant(facts.get(BundleRecord.LOAD_STARTED)).or(j::startedAt).orElse(null);
        Duration verify = duration(facts.get(BundleRecord.VERIFY_DURATION));
        boolean delta = bundle != null && bundle.base() != null;
        List<StoreChanges> stores = new ArrayList<>();
        for (String store : LoadRunner.ORDER) {
            Optional<StepRecord> step = j.step("load." + store);
            boolean carried = bundle == null ? step.isPresent() : bundle.carried().containsKey(store);
            if (carried) {
                boolean loaded = step.map(StepRecord::done).orElse(false);
                stores.add(StoreChanges.from(store, loaded, delta, step.map(StepRecord::details).orElse(Map.of())));
            }
        }
        return new Pass(id, bundle, started, j.completedAt().orElse(null), verify, stores,
                ValidationRecord.read(stateDir, id).orElse(null));
    }

    /** The decision on the last pass: go only when it froze the Source, loaded completely and passed validation since. */
    public static Migration.Decision decide(List<Pass> passes) {
        Pass last = passes.get(passes.size() - 1);
        String which = (last.delta() ? "the freeze pass" : "the pass") + " (bundle " + last.bundleId() + ")";
        if (last.loadFinished() == null) {
            List<String> missing = last.stores().stream().filter(s -> !s.loaded()).map(s -> label(s.store())).toList();
            return new Migration.Decision(false, "the load of " + which + " is not finished" + (missing.isEmpty() ? "" : ": "
                    + String.join(", ", missing) + " not loaded") + ". Run ferry-import load --resume, then validate.");
        }
        ValidationRecord v = last.validation();
        if (v == null) {
            return new Migration.Decision(false, which + " is loaded but was not validated. Run ferry-import validate.");
        }
        if (v.startedAt().isBefore(last.loadFinished())) {
            return new Migration.Decision(false, "the latest validation of " + which + " ran before its load finished. Run ferry-import validate again.");
        }
        if (!v.verdictPass()) {
            return new Migration.Decision(false, "the validation of " + which + " did not pass: "
                    + (v.failures().isEmpty() ? v.verdict() : String.join("; ", v.failures().subList(0, Math.min(3, v.failures().size()))))
                    + (v.failures().size() > 3 ? " (and " + (v.failures().size() - 3) + " more)" : "") + ".");
        }
        List<String> unvalidated = last.stores().stream().map(StoreChanges::store).filter(s -> !v.stores().contains(s)).map(MigrationReader::label).toList();
        if (!unvalidated.isEmpty()) {
            return new Migration.Decision(false, "the validation of " + which + " left out " + String.join(", ", unvalidated)
                    + ". Run ferry-import validate on every store the bundle carries.");
        }
        if (!last.frozen()) {
            return new Migration.Decision(false, which + " was read while the Source was live (freeze guard skipped): users may have "
                    + "changed data since. Freeze the Source, then run the freeze pass (ferry-export run --since " + last.bundleId() + ").");
        }
        String loss = v.possibleLoss() == 0 ? "" : " A person must first review the " + v.possibleLoss()
                + " OpenFGA tuple(s) marked POSSIBLE LOSS in the validation report.";
        return new Migration.Decision(true, which + " read a frozen Source, loaded completely, and its validation passed ("
                + v.passed() + " of " + v.checks() + " checks" + (v.deep() ? ", deep" : "") + ")." + loss);
    }

    static String label(String store) {
        for (StoreKind k : StoreKind.values()) {
            if (k.label().equals(store)) {
                return switch (k) {
                    case POSTGRES -> "PostgreSQL";
                    case KEYCLOAK -> "Keycloak";
                    case OPENFGA -> "OpenFGA";
                    case OBJECTS -> "object storage";
                };
            }
        }
        return store;
    }

    private static Optional<Instant> instant(String s) {
        try {
            return Optional.ofNullable(s).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration duration(String s) {
        try {
            return s == null ? null : Duration.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
