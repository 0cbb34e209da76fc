package dev.ferry.importer.migration;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The migration as the Target's state dir records it: the passes loaded onto this Target, first to last (the last pass
 * and the chain of bases behind it), each with its bundle, load and latest validation, and the decision.
 *
 * @param stateDir    where it was read from
 * @param passes      first pass first
 * @param decision    go or no-go, with the reason
 * @param generatedAt when it was read
 */
public record Migration(Path stateDir, List<Pass> passes, Decision decision, Instant generatedAt) {
    public Migration {
        passes = List.copyOf(passes);
    }

    /** Go or no-go for the cutover, with the one reason a manager needs. */
    public record Decision(boolean go, String reason) {
    }
}
