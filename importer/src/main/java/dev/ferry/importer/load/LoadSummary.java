package dev.ferry.importer.load;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of a load, printed as text or --json.
 *
 * @param bundleId the verified bundle's id
 * @param dryRun   true when nothing was written
 * @param journal  the journal file (null on --dry-run)
 * @param message  one sentence for the operator: what happened overall
 * @param stores   per store, in load order
 */
public record LoadSummary(String bundleId, boolean dryRun, Path journal, String message, List<StoreOutcome> stores) {
}
