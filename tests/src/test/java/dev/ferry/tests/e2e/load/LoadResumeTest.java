package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and resume: the importer (the shaded jar, in a child process) is killed with SIGKILL while it is in the middle
 * of each store in turn; a plain re-run is told to resume; --resume finishes; then nothing is duplicated or lost.
 */
@ExtendWith(StoresExtension.class)
class LoadResumeTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedDuringKeycloakThenResumed(Stores stores) throws Exception {
        crashAndResume(stores, new KeaSample(300, 10), new SampleBundle.Size(10, 0, 0), step("keycloak"));
    }

    @Test
    void killedDuringOpenFgaThenResumed(Stores stores) throws Exception {
        crashAndResume(stores, new KeaSample(0, 8000), new SampleBundle.Size(10, 0, 0), step("openfga.tuples"));
    }

    @Test
    void killedDuringPostgresThenResumed(Stores stores) throws Exception {
        crashAndResume(stores, new KeaSample(0, 10), new SampleBundle.Size(150_000, 0, 0), step("postgres.metadata"));
    }

    @Test
    void killedDuringObjectsThenResumed(Stores stores) throws Exception {
        crashAndResume(stores, new KeaSample(0, 10), new SampleBundle.Size(10, 6, 24 * 1024 * 1024),
                j -> step("objects").test(j) && objectsLogged(j));
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

    private void crashAndResume(Stores stores, KeaSample s, SampleBundle.Size size, Predicate<JsonNode> killPoint) throws Exception {
        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        SampleBundle.Sealed sealed = SampleBundle.seal(stores, s, size, keys, bundle);
        TargetFixture t = new TargetFixture(stores, s, keys, bundle, dir);

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
            assertEquals(s.users.size(), probe.realm().users().count(), "every user, once");
            for (KeaSample.User u : s.users) {
                assertEquals(u.username(), probe.realm().users().get(u.id()).toRepresentation().getUsername());
            }
            assertEquals(1, probe.fgaStores().size(), "one store, not one per attempt");
            assertEquals(LoadTest.expectedTuples(s, false), probe.tuples(probe.fgaStores().get(0).getId()));
            for (Map.Entry<String, Long> e : sealed.rows().entrySet()) {
                assertEquals(e.getValue(), probe.rows(e.getKey()), "rows of " + e.getKey());
            }
            assertEquals(sealed.fingerprints().get("metadata"), probe.fingerprint("metadata",
                    "document_uid, source_tag, date_added_to_kb, tag_ids, doc, created_at, updated_at", "document_uid"));
            for (SampleBundle.SampleObject o : sealed.objects()) {
                String bucket = t.targetBucket(o.bucket());
                assertNotNull(probe.stat(bucket, o.key()), "object present");
                assertEquals(o.sha256(), probe.sha256(bucket, o.key()));
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
