package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.common.LocalIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the latest validate of a bundle on this Target, kept in the state dir
 * ({@code <stateDir>/<bundleId>.validation.json}) for the migration report. Counts, check titles and times only: no
 * store content.
 *
 * @param verdict       PASS, FAIL or ERROR
 * @param deep          whether {@code --deep} re-hashed every object
 * @param stores        the stores validated
 * @param failures      the titles of the checks that did not pass, in checklist order
 * @param possibleLoss  dropped username-form tuples with no UUID twin
 * @param droppedTuples every dropped username-form tuple
 */
public record ValidationRecord(String bundleId, String verdict, Instant startedAt, Instant finishedAt, int checks, long passed,
        boolean deep, List<String> stores, List<String> failures, int possibleLoss, int droppedTuples) {
    private static final ObjectMapper JSON = JsonOutput.mapper();

    public ValidationRecord {
        stores = List.copyOf(stores);
        failures = List.copyOf(failures);
    }

    public static ValidationRecord of(ValidationReport r, boolean deep) {
        return new ValidationRecord(r.bundle().bundleId(), r.verdict().name(), r.startedAt(), r.finishedAt(), r.checks().size(),
                r.count(CheckStatus.PASS), deep, r.stores().stream().map(StoreTally::store).toList(),
                r.checks().stream().filter(c -> !c.passed()).map(CheckResult::title).toList(), r.dropped().possibleLoss().size(),
                r.dropped().total());
    }

    /** Whether every check passed (not a bean getter, so it stays out of the JSON). */
    public boolean verdictPass() {
        return CheckStatus.PASS.name().equals(verdict);
    }

    static Path file(Path stateDir, String bundleId) {
        return stateDir.resolve(bundleId + ".validation.json");
    }

    /** Writes it atomically, replacing the record of an earlier validate of the same bundle. */
    public void write(Path stateDir) {
        Path target = file(stateDir, bundleId);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(stateDir);
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw LocalIoException.writing("the validation record", target, e,
                    "make the state dir writable and give it free space (stateDir in target.yaml), then run validate again");
        }
    }

    /** The record of the latest validate of {@code bundleId}, if any; an unreadable one counts as none. */
    public static Optional<ValidationRecord> read(Path stateDir, String bundleId) {
        Path f = file(stateDir, bundleId);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), ValidationRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
