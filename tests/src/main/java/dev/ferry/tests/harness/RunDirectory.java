package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scratch directory of one {@link Stores} run (distribution copies, data directories, logs), marked with
 * the pid of the JVM that owns it. Runs whose JVM died without closing (a killed build) leave hundreds of MB
 * behind: each new run sweeps those away.
 */
final class RunDirectory {
    private static final String OWNER = "owner.pid";

    private RunDirectory() {
    }

    static Path create(Path workDir) {
        try {
            Files.createDirectories(workDir);
            sweepOrphans(workDir);
            Path dir = Files.createTempDirectory(workDir, "stores-");
            Files.writeString(dir.resolve(OWNER), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            for (Role role : Role.values()) {
                Files.createDirectories(dir.resolve(role.label()));
            }
            return dir;
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot create the harness work directory under " + workDir + ": " + e,
                    "make the directory writable or point HarnessOptions.workDir elsewhere", e);
        }
    }

    /** After a failed start the error names a log in here: keep the logs, drop the rest. */
    static void keepOnlyLogs(Path dir) {
        try {
            FileTrees.pruneKeeping(dir, FileTrees::isLog);
        } catch (UncheckedIOException e) {
            System.err.println("[ferry harness] could not clean " + dir + ": " + e.getMessage());
        }
    }

    static void delete(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (UncheckedIOException e) {
            System.err.println("[ferry harness] could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void sweepOrphans(Path workDir) throws IOException {
        List<Path> runs;
        try (Stream<Path> entries = Files.list(workDir)) {
            runs = entries.filter(p -> p.getFileName().toString().startsWith("stores-")).toList();
        }
        for (Path run : runs) {
            Path owner = run.resolve(OWNER);
            if (Files.isRegularFile(owner) && !alive(owner)) {
                delete(run);
            }
        }
    }

    private static boolean alive(Path ownerFile) {
        try {
            long pid = Long.parseLong(Files.readString(ownerFile, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return true;   // unreadable: leave it to its owner
        }
    }
}
