package dev.ferry.importer.delta;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The earlier load a delta (or a newer full bundle) builds on: the journal that the load of the delta's base (or of the
 * bundle loaded last) left in the state dir. A delta
 * carries only the objects changed since its base, so it is loaded only onto a Target that completed the base's load;
 * that journal also says what the base left in each store (table fingerprints, the OpenFGA store and models, the
 * tuple set), against which the load checks that no one changed the Target since.
 */
public final class BaseLoad {
    private static final String JOURNAL_SUFFIX = ".journal.json";

    private final String bundleId;
    private final Journal journal;
    private final boolean delta;

    private BaseLoad(String bundleId, Journal journal, boolean delta) {
        this.bundleId = bundleId;
        this.journal = journal;
        this.delta = delta;
    }

    /**
     * The base of {@code manifest} when it is a delta, else empty. Refuses a delta whose base this Target has not
     * completely loaded, naming the missing bundle.
     */
    public static Optional<BaseLoad> of(Manifest manifest, Path stateDir) {
        if (!manifest.isDelta()) {
            return earlier(manifest.bundleId(), stateDir);
        }
        String base = manifest.base();
        Journal j = Journal.open(stateDir, base);
        if (!j.existed()) {
            throw new ConfigException("bundle " + manifest.bundleId() + " is a delta of bundle " + base
                    + ", which was never loaded into this Target (no journal " + j.file() + ")",
                    "load bundle " + base + " first (the first pass), with the same stateDir, then load this delta; nothing was written");
        }
        if (!j.complete()) {
            throw new ConfigException("bundle " + manifest.bundleId() + " is a delta of bundle " + base
                    + ", whose load into this Target did not finish (journal " + j.file() + ")",
                    "finish the load of bundle " + base + " with --resume first, then load this delta; nothing was written");
        }
        return Optional.of(new BaseLoad(base, j, true));
    }

    /**
     * For a full bundle: the latest completed load of another bundle into this Target (its journal in the state dir),
     * which this bundle then replaces the way a delta would (sync by primary key, tuples added and removed, objects
     * the earlier load carried and this bundle lacks deleted, Keycloak synced), with the same Target-moved checks.
     * Empty on a Target no Ferry load has written. Refuses while another bundle's load is unfinished.
     */
    static Optional<BaseLoad> earlier(String bundleId, Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(stateDir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(JOURNAL_SUFFIX))
                    .map(n -> n.substring(0, n.length() - JOURNAL_SUFFIX.length())).filter(id -> !id.equals(bundleId)).forEach(ids::add);
        } catch (IOException e) {
            throw new LocalIoException("cannot list the state dir " + stateDir + ": " + e.getMessage(),
                    "make the state dir readable (stateDir in target.yaml), then re-run", e);
        }
        Journal latest = null;
        String latestId = null;
        for (String id : ids) {
            Journal j = Journal.open(stateDir, id);
            if (!j.complete()) {
                throw new ConfigException("the load of bundle " + id + " into this Target did not finish (journal " + j.file()
                        + "), so bundle " + bundleId + " cannot be loaded over it",
                        "finish the load of bundle " + id + " with --resume first, then load bundle " + bundleId + "; nothing was written");
            }
            if (latest == null || j.completedAt().orElseThrow().isAfter(latest.completedAt().orElseThrow())) {
                latest = j;
                latestId = id;
            }
        }
        return latest == null ? Optional.empty() : Optional.of(new BaseLoad(latestId, latest, false));
    }

    /** True for a delta's base; false when a full bundle is loaded over an earlier load. */
    public boolean forDelta() {
        return delta;
    }

    public String bundleId() {
        return bundleId;
    }

    /** The details a step of the base's load recorded, or none. */
    public Map<String, String> step(String name) {
        return journal.step(name).filter(StepRecord::done).map(StepRecord::details).orElse(Map.of());
    }

    public boolean has(String step) {
        return journal.isDone(step);
    }
}
