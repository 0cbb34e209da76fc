package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExpectedTuples;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SeededSource;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.SourceShape;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and resume: the importer (the shaded jar, in a child process) is killed with SIGKILL while it is in the middle
 * of each store in turn; a plain re-run is told to resume; --resume finishes; then nothing is duplicated or lost. Each
 * store has its own Source shape, big in that store, so that loading it takes long enough to be killed midway.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadResumeTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedDuringKeycloakThenResumed(Stores stores, ExportedBundles bundles) throws Exception {
        crashAndResume(stores, bundles, Shapes.MANY_USERS, step("keycloak"));
    }

    @Test
    void killedDuringOpenFgaThenResumed(Stores stores, ExportedBundles bundles) throws Exception {
        crashAndResume(stores, bundles, Shapes.MANY_TUPLES, step("openfga.tuples"));
    }

    @Test
    void killedDuringPostgresThenResumed(Stores stores, ExportedBundles bundles) throws Exception {
        crashAndResume(stores, bundles, Shapes.MANY_ROWS, step("postgres.metadata"));
    }

    @Test
    void killedDuringObjectsThenResumed(Stores stores, ExportedBundles bundles) throws Exception {
        crashAndResume(stores, bundles, Shapes.BIG_OBJECTS, j -> step("objects").test(j) && objectsLogged(j));
    }

    private Path journalFile;

    private Predicate<JsonNode> step(String name) {
        return j -> {
            for (JsonNode s : j.path("steps")) {
                if (s.path("name").asText().equals(name) && s.path("state").asText().equals("STARTED")) {
                    return true;
                }
            }
            return false;
        };
    }

    private boolean objectsLogged(JsonNode journal) {
        try {
            Path log = journalFile.resolveSibling(journalFile.getFileName().toString().replace(".journal.json", ".objects.log"));
            return Files.exists(log) && !Files.readString(log).isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void crashAndResume(Stores stores, ExportedBundles bundles, SourceShape shape, Predicate<JsonNode> killPoint) throws Exception {
        ExportedBundle bundle = bundles.of(stores, shape);
        SeededSource source = bundle.source();
        KeaDataset d = source.dataset();
        TargetFixture t = new TargetFixture(stores, bundle, dir);

        Process p = t.startJar(dir.resolve("first.log"));
        boolean killedMidway = false;
        while (p.isAlive()) {
            JsonNode j = readJournal(t);
            if (j != null && killPoint.test(j)) {
                p.destroyForcibly();
                killedMidway = true;
                break;
            }
            Thread.sleep(20);
        }
        p.waitFor();
        assertTrue(killedMidway, "the importer was killed in the middle of the store; its output:\n" + Files.readString(dir.resolve("first.log")));

        LoadRun plain = t.load();
        assertEquals(2, plain.exitCode(), plain.all());
        assertTrue(plain.err().contains("--resume"), "a plain re-run is told to resume:\n" + plain.err());

        LoadRun resumed = t.load("--resume");
        assertEquals(0, resumed.exitCode(), resumed.all());

        try (TargetProbe probe = new TargetProbe(t)) {
            assertEquals(d.users().size(), probe.realm().users().count(), "every user, once");
            for (KeaUser u : d.users()) {
                assertEquals(u.username(), probe.realm().users().get(u.id()).toRepresentation().getUsername());
            }
            assertEquals(1, probe.fgaStores().size(), "one store, not one per attempt");
            assertEquals(ExpectedTuples.onTarget(source.tuples(), source.userIdsByUsername(), false),
                    probe.tuples(probe.fgaStores().get(0).getId()));
            for (String table : KeaDataset.CARRIED_TABLES) {
                assertEquals(source.database().rows(table), probe.rows(table), "rows of " + table);
                assertEquals(source.database().fingerprint(table), probe.fingerprint(table), "content of " + table);
            }
            for (ObjectSpec o : d.objects()) {
                String bucket = t.targetBucket(source.bucketOf(o));
                assertNotNull(probe.stat(bucket, o.key()), "object present");
                assertEquals(ObjectContent.sha256(o), probe.sha256(bucket, o.key()));
            }
        }
        LoadRun again = t.load();
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("already loaded"), again.out());
    }

    private JsonNode readJournal(TargetFixture t) {
        try (var files = Files.list(t.stateDir)) {
            journalFile = files.filter(f -> f.getFileName().toString().endsWith(".journal.json")).findFirst().orElse(null);
            return journalFile == null ? null : json.readTree(journalFile.toFile());
        } catch (Exception e) {
            return null; // not written yet, or being renamed into place
        }
    }
}
