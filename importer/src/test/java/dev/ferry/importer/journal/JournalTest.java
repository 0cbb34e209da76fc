package dev.ferry.importer.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import dev.ferry.common.LocalIoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void stepsAndObjectsSurviveAReopenAndNothingIsWrittenBeforeTheFirstStep() throws Exception {
        try (Journal j = Journal.open(dir, "b1")) {
            assertFalse(j.existed());
            assertFalse(Files.exists(j.file()), "opening writes nothing (a dry run leaves no journal)");
            j.started("openfga.store", Map.of("storeName", "kea"));
            j.done("openfga.store", Map.of("storeId", "01ABC"));
            j.started("postgres.agent", Map.of());
            j.objectFinished("objects/1/000001", "aa");
        }
        try (Journal j = Journal.open(dir, "b1")) {
            assertTrue(j.existed());
            assertFalse(j.complete());
            assertEquals("01ABC", j.step("openfga.store").orElseThrow().details().get("storeId"));
            assertTrue(j.isDone("openfga.store"));
            assertFalse(j.isDone("postgres.agent"));
            assertEquals("postgres.agent", j.lastStep().orElseThrow().name());
            assertTrue(j.objectDone("objects/1/000001", "aa"));
            assertFalse(j.objectDone("objects/1/000001", "bb"), "a different hash is a different object");
            j.markComplete();
        }
        try (Journal j = Journal.open(dir, "b1")) {
            assertTrue(j.complete());
        }
        assertFalse(Files.readString(dir.resolve("b1.journal.json")).contains("kea-docs"), "no store data");
    }

    @Test
    void aStateDirThatCannotBeWrittenIsALocalIoErrorAndADamagedJournalAConfigError() throws Exception {
        // A directory no user can create, not even root (for whom permissions do not count).
        Path unwritable = Path.of("/proc", "ferry-test-" + ProcessHandle.current().pid(), "state");
        try (Journal j = Journal.open(unwritable, "b1")) {
            LocalIoException e = assertThrows(LocalIoException.class, () -> j.started("openfga.store", Map.of()));
            assertEquals(ExitCode.LOCAL_IO, e.exitCode());
            assertTrue(e.problem().startsWith("cannot write the load journal (" + unwritable.resolve("b1.journal.json") + "): "),
                    e.problem());
            assertFalse(e.problem().contains("Exception"), e.problem());
        }
        Files.writeString(dir.resolve("b2.journal.json"), "{ torn");
        ConfigException damaged = assertThrows(ConfigException.class, () -> Journal.open(dir, "b2"));
        assertTrue(damaged.problem().contains("is damaged"), damaged.problem());
    }
}
