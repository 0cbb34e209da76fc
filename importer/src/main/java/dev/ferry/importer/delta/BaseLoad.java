package dev.ferry.importer.delta;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.common.ConfigException;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The earlier load a delta builds on: the journal that the load of the delta's base left in the state dir. A delta
 * carries only the objects changed since its base, so it is loaded only onto a Target that completed the base's load;
 * that journal also says what the base left in each store (table fingerprints, the OpenFGA store and models, the
 * tuple set), against which the load checks that no one changed the Target since.
 */
public final class BaseLoad {
    private final String bundleId;
    private final Journal journal;

    private BaseLoad(String bundleId, Journal journal) {
        this.bundleId = bundleId;
        this.journal = journal;
    }

    /**
     * The base of {@code manifest} when it is a delta, else empty. Refuses a delta whose base this Target has not
     * completely loaded, naming the missing bundle.
     */
    public static Optional<BaseLoad> of(Manifest manifest, Path stateDir) {
        if (!manifest.isDelta()) {
            return Optional.empty();
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
        return Optional.of(new BaseLoad(base, j));
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
