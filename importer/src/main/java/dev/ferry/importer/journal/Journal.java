package dev.ferry.importer.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of one bundle's load on this Target: which steps finished, with ids, counts and hashes. It lives in the
 * state dir on the Target side ({@code <stateDir>/<bundleId>.journal.json}) and holds no store data: object entries
 * are remembered by entry path and SHA-256, never by key (keys hold document file names).
 *
 * <p>Every change is written to a temporary file and atomically renamed, so a crash leaves either the old or the new
 * journal, never a torn one. Finished objects go to an append-only side file, one line each, because rewriting the
 * journal per object would cost more than the upload.
 */
public final class Journal implements AutoCloseable {
    private static final int VERSION = 1;

    private final ObjectMapper json = JsonOutput.mapper();
    private final Path file;
    private final Path objectLog;
    private final String bundleId;
    private final Map<String, StepRecord> steps = new LinkedHashMap<>();
    private final Set<String> finishedObjects = new HashSet<>();
    private final boolean existed;
    private Instant startedAt;
    private Instant completedAt;
    private BufferedWriter objectWriter;

    private Journal(Path stateDir, String bundleId) {
        this.bundleId = bundleId;
        this.file = stateDir.resolve(bundleId + ".journal.json");
        this.objectLog = stateDir.resolve(bundleId + ".objects.log");
        this.existed = Files.exists(file);
    }

    /** Opens the journal of a bundle in a state dir, reading it if an earlier load left one. Writes nothing yet. */
    public static Journal open(Path stateDir, String bundleId) {
        Journal j = new Journal(stateDir, bundleId);
        if (j.existed) {
            j.read();
        }
        return j;
    }

    private void read() {
        try {
            JournalFile f = json.readValue(file.toFile(), JournalFile.class);
            if (f.version() != VERSION || !bundleId.equals(f.bundleId())) {
                throw new ConfigException("journal " + file + " is not a version-" + VERSION + " journal of bundle " + bundleId,
                        "move it aside if it belongs to another tool version, then re-run");
            }
            startedAt = f.startedAt();
            completedAt = f.completedAt();
            f.steps().forEach(s -> steps.put(s.name(), s));
            if (Files.exists(objectLog)) {
                for (String line : Files.readAllLines(objectLog, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        finishedObjects.add(line.strip());
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new ConfigException("journal " + file + " is damaged: it is not the JSON Ferry writes (" + e.getOriginalMessage() + ")",
                    "move it aside; a re-run then checks every store from scratch and skips what is already there");
        } catch (IOException e) {
            throw new LocalIoException("cannot read the load journal " + file + ": " + LocalIoException.reason(e, file),
                    "make the state dir readable (stateDir in target.yaml), then re-run", e);
        }
    }

    public Path file() {
        return file;
    }

    /** True when an earlier load of this bundle wrote a journal here. */
    public boolean existed() {
        return existed;
    }

    public boolean complete() {
        return completedAt != null;
    }

    /** When the first step of this bundle's load was recorded. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> completedAt() {
        return Optional.ofNullable(completedAt);
    }

    /** The last step an earlier load recorded, for "resume from" messages. */
    public Optional<StepRecord> lastStep() {
        return steps.values().stream().reduce((a, b) -> b);
    }

    public synchronized Optional<StepRecord> step(String name) {
        return Optional.ofNullable(steps.get(name));
    }

    public synchronized boolean isDone(String name) {
        StepRecord s = steps.get(name);
        return s != null && s.done();
    }

    public synchronized void started(String name, Map<String, String> details) {
        record(new StepRecord(name, StepRecord.State.STARTED, Instant.now(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details))));
    }

    public synchronized void done(String name, Map<String, String> details) {
        record(new StepRecord(name, StepRecord.State.DONE, Instant.now(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details))));
    }

    public synchronized void markComplete() {
        completedAt = Instant.now();
        save();
    }

    private void record(StepRecord step) {
        steps.remove(step.name());
        steps.put(step.name(), step);
        save();
    }

    /** Whether the object entry (path + SHA-256) was uploaded and checked by an earlier run. */
    public synchronized boolean objectDone(String entryPath, String sha256) {
        return finishedObjects.contains(entryPath + " " + sha256);
    }

    /** Records an uploaded, checked object entry; flushed before returning so a crash right after keeps it. */
    public synchronized void objectFinished(String entryPath, String sha256) {
        try {
            if (objectWriter == null) {
                ensureDir();
                objectWriter = Files.newBufferedWriter(objectLog, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            objectWriter.write(entryPath + " " + sha256 + "\n");
            objectWriter.flush();
            finishedObjects.add(entryPath + " " + sha256);
        } catch (IOException e) {
            throw stateDirError(e);
        }
    }

    private void save() {
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        try {
            ensureDir();
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), new JournalFile(VERSION, bundleId, startedAt, completedAt, new ArrayList<>(steps.values())));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw stateDirError(e);
        }
    }

    private void ensureDir() throws IOException {
        Files.createDirectories(file.getParent());
    }

    private LocalIoException stateDirError(IOException e) {
        return LocalIoException.writing("the load journal", file, e,
                "make the state dir writable and give it free space (stateDir in target.yaml), then re-run with --resume");
    }

    /** Every step, in the order first recorded. */
    public synchronized List<StepRecord> steps() {
        return List.copyOf(steps.values());
    }

    @Override
    public synchronized void close() {
        if (objectWriter != null) {
            try {
                objectWriter.close();
            } catch (IOException e) {
                throw stateDirError(e);
            }
        }
    }
}
