package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SeededSource;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C: the importer (the shaded jar, in a child process) gets SIGINT while it uploads objects, the last store. It
 * exits 130 with a message that says how to continue, its journal still parses and records what had finished (the
 * objects step is not marked done), and {@code --resume} completes the load, after which validate passes and no row,
 * user, store or object is duplicated. The bundle is ferry-export's of a kea Source with 64 MiB of objects.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadInterruptTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void ctrlCDuringObjectsExits130AndResumeCompletes(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.BIG_OBJECTS);
        SeededSource source = bundle.source();
        KeaDataset d = source.dataset();
        assertTrue(d.objects().stream().anyMatch(o -> o.size() > 16L << 20), "one object takes several chunks and upload parts");
        TargetFixture t = new TargetFixture(stores, bundle, dir);

        Path log = dir.resolve("interrupted.log");
        Process p = start(t, log);
        JsonNode atSignal = null;
        while (p.isAlive()) {
            JsonNode j = readJournal(t);
            if (j != null && state(j, "objects").equals("STARTED") && objectsLogged(t)) {
                atSignal = j;
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -INT " + p.pid());
                break;
            }
            Thread.sleep(20);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertNotNull(atSignal, "the signal was sent while objects were uploaded; output:\n" + output);
        assertEquals(130, p.exitValue(), "exit code of an interrupted load; output:\n" + output);
        assertTrue(output.contains("ferry-import: interrupted") && output.contains("--resume")
                && output.contains(t.stateDir.toString()), "the message says where the journal is and how to resume:\n" + output);

        JsonNode after = readJournal(t);
        assertNotNull(after, "the journal is still a readable JSON document");
        assertEquals("DONE", state(after, "load.keycloak"));
        assertEquals("DONE", state(after, "load.openfga"));
        assertEquals("DONE", state(after, "load.postgres"));
        assertFalse(state(after, "objects").equals("DONE") || state(after, "load.objects").equals("DONE"),
                "the interrupted store is not recorded as done: " + after);
        assertTrue(finished(after).containsAll(finished(atSignal)), "no finished step was lost: " + after);

        LoadRun resumed = t.load("--resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        LoadRun validate = t.validate();
        assertEquals(0, validate.exitCode(), validate.all());

        try (TargetProbe probe = new TargetProbe(t)) {
            assertEquals(d.users().size(), probe.realm().users().count(), "every user, once");
            assertEquals(1, probe.fgaStores().size(), "one OpenFGA store, not one per attempt");
            for (String table : KeaDataset.CARRIED_TABLES) {
                assertEquals(source.database().rows(table), probe.rows(table), "rows of " + table);
                assertEquals(source.database().fingerprint(table), probe.fingerprint(table), "content of " + table);
            }
            for (ObjectSpec o : d.objects()) {
                assertEquals(ObjectContent.sha256(o), probe.sha256(t.targetBucket(source.bucketOf(o)), o.key()), "object " + o.key());
            }
        }
    }

    /**
     * Starts ferry-import load like {@link TargetFixture#startJar}, but with SIGINT at its default disposition: a shell
     * that ran the build in the background without job control leaves SIGINT ignored, the JVM then never installs its
     * handler, and kill -INT would be lost. The Perl one-liner restores the default before exec, as a terminal has it.
     */
    private static Process start(TargetFixture t, Path log) throws Exception {
        String jar = System.getProperty("ferry.importer.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the importer jar is missing (" + jar + "): build it with "
                    + "'mvn -B -q -pl importer -am package -DskipTests' before running this test");
        }
        List<String> cmd = new ArrayList<>();
        if (sigintIgnoredHere()) {
            cmd.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar));
        cmd.addAll(t.loadArgs());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean sigintIgnoredHere() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0; // SIGINT = 2
            }
        }
        return false;
    }

    private static String state(JsonNode journal, String step) {
        for (JsonNode s : journal.path("steps")) {
            if (s.path("name").asText().equals(step)) {
                return s.path("state").asText();
            }
        }
        return "ABSENT";
    }

    private static List<String> finished(JsonNode journal) {
        List<String> done = new ArrayList<>();
        for (JsonNode s : journal.path("steps")) {
            if (s.path("state").asText().equals("DONE")) {
                done.add(s.path("name").asText());
            }
        }
        return done;
    }

    /** At least one object finished: the journal's side file of finished objects has a line. */
    private static boolean objectsLogged(TargetFixture t) {
        try (var files = Files.list(t.stateDir)) {
            Path f = files.filter(p -> p.getFileName().toString().endsWith(".objects.log")).findFirst().orElse(null);
            return f != null && !Files.readString(f).isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private JsonNode readJournal(TargetFixture t) {
        try (var files = Files.list(t.stateDir)) {
            Path f = files.filter(p -> p.getFileName().toString().endsWith(".journal.json")).findFirst().orElse(null);
            return f == null ? null : json.readTree(f.toFile());
        } catch (Exception e) {
            return null; // not written yet, or being renamed into place
        }
    }
}
