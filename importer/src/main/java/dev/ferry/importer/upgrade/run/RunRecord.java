package dev.ferry.importer.upgrade.run;

import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last upgrade into this swift did, as its journal remembers it (ids, counts and times only): each step's
 * time and figures, and when it finished. The report reads it, from {@code ferry-import upgrade --report} right after a
 * run and from {@code upgrade validate --report} later, so management sees plan, run and validation on one page. A
 * step finished by an earlier, interrupted attempt keeps that attempt's figures.
 *
 * @param finishedAt when the run completed; empty while it is unfinished (stopped, to be resumed)
 */
public record RunRecord(Optional<Instant> finishedAt, List<Step> steps) {
    static final String PLAN_STEP = "plan";
    static final String MILLIS = "millis";
    static final String SKIPPED = "skipped.";

    public RunRecord {
        steps = List.copyOf(steps);
    }

    /**
     * One finished step: {@code plan} (schema check, Keycloak facts, the planning pass), {@code swift.<table>},
     * {@code swift.tuples}, {@code objects}, or {@code upgrade} (the whole of the last attempt).
     */
    public record Step(String name, long millis, Map<String, String> details) {
        public long number(String key) {
            String v = details.get(key);
            return v == null || v.isBlank() ? 0 : Long.parseLong(v);
        }

        /** The rows left behind per reason, for a table step. */
        public Map<String, Long> skipped() {
            return RunRecord.skipped(details);
        }
    }

    public Optional<Step> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The journal of the last upgrade with this config, if one is in the state dir; reads it, writes nothing. */
    public static Optional<RunRecord> last(UpgradeConfig config) {
        String id = new Upgrade(config, System.err).journalId();
        if (!Files.exists(config.stateDirPath().resolve(id + ".journal.json"))) {
            return Optional.empty();
        }
        Journal j = Journal.open(config.stateDirPath(), id);
        List<Step> steps = j.steps().stream().filter(StepRecord::done)
                .map(s -> new Step(s.name(), Long.parseLong(s.details().getOrDefault(MILLIS, "0")), s.details())).toList();
        return Optional.of(new RunRecord(j.completedAt(), steps));
    }

    static Map<String, Long> skipped(Map<String, String> details) {
        Map<String, Long> out = new TreeMap<>();
        details.forEach((k, v) -> {
            if (k.startsWith(SKIPPED)) {
                out.put(k.substring(SKIPPED.length()), Long.parseLong(v));
            }
        });
        return out;
    }
}
