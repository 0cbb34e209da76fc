package dev.ferry.tests.e2e.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.upgrade.UpgradeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and resume of chapter 2: the upgrade (the shaded importer jar, in a child process) is killed with SIGKILL in
 * the middle of the rows, of the tuples and of the objects, each time into a fresh swift side; a plain re-run is told
 * to resume; {@code --resume} finishes; then swift is identical to what an uninterrupted run of the same kea wrote
 * (every table's content but the timestamps swift stamps itself, the tuple set, every object's SHA-256), so nothing
 * was duplicated or lost.
 */
@ExtendWith(StoresExtension.class)
class UpgradeResumeTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedDuringRowsTuplesAndObjectsThenResumedEndsAsAnUninterruptedRun(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "rehearsal", "res" + System.nanoTime() % 100000, dir.resolve("fixture"))) {
            f.grow(40_000, 8_000, 5, 16 * 1024 * 1024);
            UpgradeFixture.SwiftSide reference = f.freshSwift("ref", dir.resolve("ref"));
            LoadRun uninterrupted = run("upgrade", "--config", reference.config().toString());
            assertEquals(0, uninterrupted.exitCode(), uninterrupted.all());
            Map<String, Object> expected = snapshot(reference);
            assertEquals(40_000 + 3L, ((Map<?, ?>) expected.get("rows")).get("metadata count"), "the grown kea is upgraded whole");

            crashAndResume(f, "rows", step("swift.metadata"), expected);
            crashAndResume(f, "tuples", step("swift.tuples"), expected);
            crashAndResume(f, "objects", j -> step("objects").test(j) && objectsLogged(), expected);
        }
    }

    private Path journalFile;

    private void crashAndResume(UpgradeFixture f, String at, Predicate<JsonNode> killPoint, Map<String, Object> expected) throws Exception {
        UpgradeFixture.SwiftSide swift = f.freshSwift(at, dir.resolve(at));
        Path state = swift.config().resolveSibling("state");
        Path log = dir.resolve(at + ".log");
        Process p = startJar(log, "upgrade", "--config", swift.config().toString());
        boolean killedMidway = false;
        while (p.isAlive()) {
            JsonNode j = readJournal(state);
            if (j != null && killPoint.test(j)) {
                p.destroyForcibly();
                killedMidway = true;
                break;
            }
            Thread.sleep(20);
        }
        p.waitFor();
        assertTrue(killedMidway, "the upgrade was killed in the middle of the " + at + "; its output:\n" + Files.readString(log));

        LoadRun plain = run("upgrade", "--config", swift.config().toString());
        assertEquals(2, plain.exitCode(), at + ": " + plain.all());
        assertTrue(plain.err().contains("--resume"), "a plain re-run is told to resume:\n" + plain.err());

        LoadRun resumed = run("upgrade", "--config", swift.config().toString(), "--resume");
        assertEquals(0, resumed.exitCode(), at + ": " + resumed.all());
        assertEquals(expected, snapshot(swift), "killed during the " + at + ", then resumed: swift is what an uninterrupted run writes");
        JsonNode objects = null;
        for (JsonNode s : readJournal(state).path("steps")) {
            objects = s.path("name").asText().equals("objects") ? s.path("details") : objects;
        }
        assertEquals("4", objects.path("concurrency").asText(), "the copy ran at the default concurrency of 4: " + objects);
        long total = ((Map<?, ?>) expected.get("objects")).size();
        assertEquals(total, objects.path("copied").asLong() + objects.path("alreadyDone").asLong(), "every object accounted once: " + objects);
        if (at.equals("objects")) {
            assertTrue(objects.path("alreadyDone").asLong() > 0, "the resumed copy skipped the objects the killed one had checked: " + objects);
        }
    }

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

    private boolean objectsLogged() {
        try {
            Path log = journalFile.resolveSibling(journalFile.getFileName().toString().replace(".journal.json", ".objects.log"));
            return Files.exists(log) && !Files.readString(log).isBlank();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private JsonNode readJournal(Path state) {
        try (var files = Files.list(state)) {
            journalFile = files.filter(x -> x.getFileName().toString().endsWith(".journal.json")).findFirst().orElse(null);
            return journalFile == null ? null : json.readTree(journalFile.toFile());
        } catch (Exception e) {
            return null; // not written yet, or being renamed into place
        }
    }

    /**
     * What one swift side holds, comparable across sides: per table its row count and a hash of every row without the
     * timestamp columns (swift stamps those itself at insert), the tuple set, and per kea bucket every key's SHA-256.
     */
    private Map<String, Object> snapshot(UpgradeFixture.SwiftSide swift) throws Exception {
        Map<String, Object> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(swift.database().jdbcUrl(), swift.database().user(), swift.database().password());
                Statement s = c.createStatement()) {
            for (String table : List.of("teammetadata", "agent_instance", "tag", "metadata", "resource", "users", "prompt")) {
                List<String> cols = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                        + "' AND data_type NOT LIKE 'timestamp%' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        cols.add("\"" + rs.getString(1) + "\"");
                    }
                }
                String row = "ROW(" + String.join(", ", cols) + ")::text";
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(string_agg(" + row + ", '|' ORDER BY " + row + ")) FROM " + table)) {
                    rs.next();
                    rows.put(table + " count", rs.getLong(1));
                    rows.put(table + " md5", rs.getString(2));
                }
            }
        }
        UpgradeConfig cfg = UpgradeConfig.load(swift.config());
        TreeSet<String> tuples = new TreeSet<>();
        List<String> all = new ArrayList<>();
        OpenFgaStoreClient.connect(cfg.swift().openfga()).forEachTuple(t -> {
            String line = t.user() + " " + t.relation() + " " + t.object();
            tuples.add(line);
            all.add(line);
        });
        assertEquals(tuples.size(), all.size(), "no tuple twice");
        ObjectStoreClient s3 = new ObjectStoreClient(cfg.objects().connection());
        Map<String, String> objects = new TreeMap<>();
        for (Map.Entry<String, String> b : swift.buckets().entrySet()) {
            if (s3.bucketExists(b.getValue())) {
                s3.list(b.getValue(), o -> objects.put(b.getKey() + "/" + o.key(), s3.sha256(b.getValue(), o.key())));
            }
        }
        return Map.of("rows", rows, "tuples", tuples, "objects", objects);
    }

    private static Process startJar(Path log, String... args) throws Exception {
        String jar = System.getProperty("ferry.importer.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the importer jar is missing (" + jar + "): build it with 'mvn -B -q -pl importer -am package -DskipTests'");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static LoadRun run(String... args) {
        return TargetFixture.runInProcess(List.of(args));
    }
}
