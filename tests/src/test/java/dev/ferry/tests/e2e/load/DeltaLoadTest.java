package dev.ferry.tests.e2e.load;

import static dev.ferry.tests.e2e.load.StoreContents.started;
import static dev.ferry.tests.e2e.load.StoreContents.byStore;
import static dev.ferry.tests.e2e.load.StoreContents.put;
import static dev.ferry.tests.e2e.load.StoreContents.sql;
import static dev.ferry.tests.e2e.load.StoreContents.content;
import static dev.ferry.tests.e2e.load.StoreContents.objects;
import static dev.ferry.tests.e2e.load.StoreContents.tuples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.exporter.cli.ExportCli;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.rehearsal.SourceYaml;
import io.minio.GetObjectArgs;
import io.minio.ListBucketsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The freeze's second load, against real servers: the Target is prepared as the runbook says (kea's own empty OpenFGA
 * store exists, and is adopted), the first (live) pass is loaded, then rows, objects and tuples are added, changed and
 * deleted on the Source and the freeze pass ({@code run --since}) is loaded onto the same Target. Before it, a Target
 * changed behind Ferry's back is refused and left as it was; the dry run counts the changes. Afterwards every carried
 * table, the filtered tuple set and every object equal the Source's, read from the servers themselves, and what the
 * Source deleted is gone.
 */
@ExtendWith(StoresExtension.class)
class DeltaLoadTest {
    private static final SeedNames NAMES = new SeedNames("deltaload", "delta-load", "deltaload");
    private static final String STORES = "postgres,openfga,objects";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theFreezeLoadMakesTheTargetEqualTheSourceAndRefusesAMovedTarget(Stores stores) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 13_013L);
        StoreSet s = stores.source();
        PostgresEndpoint sourceDb = stores.createDatabase(Role.SOURCE, "delta_load_src");
        StoreSet source = new StoreSet(Role.SOURCE, sourceDb, s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, NAMES);
        TestKeys keys = TestKeys.generate(dir, "k");
        MinioClient sourceS3 = MinioClient.builder().endpoint(source.s3().endpoint())
                .credentials(source.s3().accessKey(), source.s3().secretKey()).build();

        // Pass 1 (live), loaded onto a Target where kea already made its (empty) store at start-up.
        Path base = export(source, keys, dir.resolve("pass1"), "--live");
        TargetFixture first = new TargetFixture(stores, NAMES.realm(), Map.of(), keys, base, dir.resolve("target"));
        String fga = first.target.openfga().apiUrl();
        String keaStore = FgaHttp.createKeaStore(fga, first.storeName);
        LoadRun load1 = first.load("--stores", STORES);
        assertEquals(0, load1.exitCode(), load1.all());
        assertEquals(keaStore, FgaHttp.storeId(fga, first.storeName), "kea's empty store was adopted, no second store made");
        // The first pass's validate hashes every object and records it on the Target side.
        LoadRun validate1 = first.validate("--json", "--stores", STORES);
        assertEquals(0, validate1.exitCode(), validate1.all());
        assertTrue(Files.isRegularFile(first.stateDir.resolve("validated-objects.tsv")));
        assertFalse(Files.readString(first.stateDir.resolve("validated-objects.tsv")).contains("Added in the window"));

        // The window: changes on the Source (more than a second after pass 1 listed: S3 times have whole seconds).
        Thread.sleep(1_500);
        String prefix = NAMES.bucketPrefix();
        List<ObjectSpec> objects = dataset.objects().stream().filter(o -> o.size() > 0)
                .sorted(java.util.Comparator.comparing(ObjectSpec::key)).toList();
        ObjectSpec changed = objects.get(0);
        ObjectSpec deleted = objects.get(1);
        byte[] newBody = new byte[(int) changed.size() + 11];
        new Random(7).nextBytes(newBody);
        put(sourceS3, changed.bucket().bucketName(prefix), changed.key(), newBody);
        sourceS3.removeObject(RemoveObjectArgs.builder().bucket(deleted.bucket().bucketName(prefix)).object(deleted.key()).build());
        String addedKey = "a4d1c2b0-0000-4000-8000-00000000000a/input/Added in the window.pdf";
        put(sourceS3, changed.bucket().bucketName(prefix), addedKey, "added during the window\n".getBytes());
        sql(sourceDb, "UPDATE agent SET name = name || ' (window)' WHERE id = (SELECT min(id) FROM agent)");
        sql(sourceDb, "DELETE FROM tag WHERE tag_id = (SELECT min(tag_id) FROM tag)");
        sql(sourceDb, "INSERT INTO tag (tag_id, name) VALUES ('tag-added-in-window', 'Window')");
        String sourceStore = FgaHttp.storeId(source.openfga().apiUrl(), NAMES.openFgaStore());
        List<TupleRecord> uuidTuples = tuples(source.openfga().apiUrl(), sourceStore).stream().filter(t -> !t.isUsernameForm()
                && t.condition() == null).toList();
        TupleRecord removedTuple = uuidTuples.get(0);
        TupleRecord template = uuidTuples.get(1);
        String addedObject = template.object().substring(0, template.object().indexOf(':') + 1) + "added-in-window";
        FgaHttp.change(source.openfga().apiUrl(), sourceStore,
                "[{\"user\":\"" + template.user() + "\",\"relation\":\"" + template.relation() + "\",\"object\":\"" + addedObject + "\"}]",
                "[{\"user\":\"" + removedTuple.user() + "\",\"relation\":\"" + removedTuple.relation() + "\",\"object\":\""
                        + removedTuple.object() + "\"}]");

        // Pass 2: the freeze bundle, a delta of pass 1.
        Path delta = export(source, keys, dir.resolve("pass2"), "--since", base.toString(), "--safety-margin", "0s");
        TargetFixture second = first.withBundle(delta);

        // Someone writes to every Target store in between (a row, a tuple, an object the Source did not change removed):
        // all three refusals in one run (the stores are checked at the same time), and nothing written.
        MinioClient targetS3 = MinioClient.builder().endpoint(first.target.s3().endpoint())
                .credentials(first.target.s3().accessKey(), first.target.s3().secretKey()).build();
        ObjectSpec untouched = objects.get(2);
        String untouchedBucket = untouched.bucket().bucketName(prefix);
        String intruderTuple = "[{\"user\":\"" + template.user() + "\",\"relation\":\"" + template.relation() + "\",\"object\":\""
                + template.object().substring(0, template.object().indexOf(':') + 1) + "intruder\"}]";
        try (TargetProbe probe = new TargetProbe(second)) {
            probe.sql("INSERT INTO tag (tag_id, name) VALUES ('intruder', 'written on the Target')");
            FgaHttp.change(fga, keaStore, intruderTuple, "[]");
            byte[] untouchedBody = body(targetS3, untouchedBucket, untouched.key());
            targetS3.removeObject(RemoveObjectArgs.builder().bucket(untouchedBucket).object(untouched.key()).build());
            List<Object> before = targetState(second, prefix, keaStore, probe);
            LoadRun moved = second.load("--stores", STORES);
            assertNotEquals(0, moved.exitCode(), moved.all());
            assertTrue(moved.err().contains("3 Target stores refuse the load, and nothing was written"), moved.err());
            assertTrue(moved.err().contains("the Target database changed since bundle") && moved.err().contains("tag ("), moved.err());
            assertTrue(moved.err().contains("the Target OpenFGA store changed since bundle"), moved.err());
            assertTrue(moved.err().contains("the Target's object storage changed since bundle") && moved.err().contains(" missing"), moved.err());
            assertFalse(moved.all().contains(untouched.key()), "object keys are never printed");
            assertEquals(before, targetState(second, prefix, keaStore, probe), "the refused load wrote nothing");
            probe.sql("DELETE FROM tag WHERE tag_id = 'intruder'");
            FgaHttp.change(fga, keaStore, "[]", intruderTuple);
            put(targetS3, untouchedBucket, untouched.key(), untouchedBody);
        }

        // The dry run counts what the delta will add, change and remove, per store.
        LoadRun dry = second.load("--stores", STORES, "--dry-run", "--json");
        assertEquals(0, dry.exitCode(), dry.all());
        Map<String, JsonNode> planned = byStore(JSON.readTree(dry.out()));
        assertEquals(1, planned.get("postgres").at("/counts/rows:tag:added").asLong(), dry.out());
        assertEquals(1, planned.get("postgres").at("/counts/rows:tag:removed").asLong(), dry.out());
        assertEquals(1, planned.get("postgres").at("/counts/rows:agent:changed").asLong(), dry.out());
        assertEquals(1, planned.get("objects").at("/counts/objects:added").asLong(), dry.out());
        assertEquals(1, planned.get("objects").at("/counts/objects:changed").asLong(), dry.out());
        assertEquals(1, planned.get("objects").at("/counts/objects:deleted").asLong(), dry.out());
        assertEquals(1, planned.get("openfga").at("/counts/tuples:added").asLong(), dry.out());
        assertEquals(1, planned.get("openfga").at("/counts/tuples:removed").asLong(), dry.out());
        assertFalse(dry.all().contains("Added in the window"), "object keys are never printed");

        LoadRun load2 = second.load("--stores", STORES, "--json");
        assertEquals(0, load2.exitCode(), load2.all());
        Map<String, JsonNode> loaded = byStore(JSON.readTree(load2.out()));
        assertEquals(1, loaded.get("objects").at("/counts/objects:deleted").asLong(), load2.out());
        assertEquals(1, loaded.get("openfga").at("/counts/tuples:removed").asLong(), load2.out());
        assertFalse(load2.all().contains("Added in the window"), "object keys are never printed");

        // The Target equals the Source, read from the servers.
        for (String table : KeaDataset.CARRIED_TABLES) {
            assertEquals(content(sourceDb, table), content(second.database, table), "table " + table);
        }
        TreeSet<String> expectedTuples = new TreeSet<>();
        for (TupleRecord t : tuples(source.openfga().apiUrl(), sourceStore)) {
            if (!t.isUsernameForm()) {
                expectedTuples.add(t.key());
            }
        }
        try (TargetProbe probe = new TargetProbe(second)) {
            assertEquals(List.copyOf(expectedTuples), probe.tuples(keaStore));
            Map<String, String> sourceObjects = objects(sourceS3, prefix);
            assertEquals(sourceObjects, objects(targetS3, prefix), "every object, by bucket, key and SHA-256");
            assertNull(probe.stat(deleted.bucket().bucketName(prefix), deleted.key()), "the object deleted on the Source is gone");
        }

        // Validate after the delta: fast (objects hashed by the first validate and not carried are checked by size and
        // ETag), then --deep (everything hashed); both pass, and the report says which mode ran.
        JsonNode fast = validated(second);
        assertTrue(check(fast, "objects.catalog").path("title").asText().contains("fast"), fast.toString());
        long catalogSize = sourceObjectsCount(sourceS3, prefix);
        assertEquals(catalogSize, tally(fast, "catalog"), fast.toString());
        assertEquals(2, tally(fast, "catalog:hashed"), "only the added and the changed object are hashed: " + fast);
        assertEquals(catalogSize - 2, tally(fast, "catalog:by-etag"), fast.toString());
        assertEquals(1, tally(fast, "deleted"), fast.toString());
        JsonNode deep = validated(second, "--deep");
        assertTrue(check(deep, "objects.catalog").path("title").asText().contains("deep"), deep.toString());
        assertEquals(catalogSize, tally(deep, "catalog:hashed"), deep.toString());
        assertEquals(0, tally(deep, "catalog:by-etag"), deep.toString());

        // Loading the delta again changes nothing.
        LoadRun again = second.load("--stores", STORES);
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("was already loaded"), again.all());

        // The Target changed after the load: the fast validate still sees it, from its one listing of each bucket. An
        // object the delta did not carry rewritten with other bytes of the same size (its ETag changed, so it is
        // hashed), another one removed, the object the Source deleted put back, a metadata row without objects.
        ObjectSpec rewritten = objects.get(3);
        ObjectSpec removed = objects.get(4);
        byte[] sameSize = new byte[(int) rewritten.size()];
        new Random(99).nextBytes(sameSize);
        put(targetS3, rewritten.bucket().bucketName(prefix), rewritten.key(), sameSize);
        targetS3.removeObject(RemoveObjectArgs.builder().bucket(removed.bucket().bucketName(prefix)).object(removed.key()).build());
        put(targetS3, deleted.bucket().bucketName(prefix), deleted.key(), "left behind".getBytes());
        String orphan = "0badc0de0badc0de0badc0de0badc0de";
        try (TargetProbe probe = new TargetProbe(second)) {
            probe.sql("INSERT INTO metadata SELECT (jsonb_populate_record(m, '{\"document_uid\": \"" + orphan + "\"}')).* FROM metadata m "
                    + "WHERE document_uid = (SELECT min(document_uid) FROM metadata)");
        }
        LoadRun tampered = second.validate("--json", "--stores", STORES);
        assertEquals(5, tampered.exitCode(), tampered.all());
        JsonNode report = JSON.readTree(tampered.out());
        JsonNode catalog = check(report, "objects.catalog");
        assertEquals("FAIL", catalog.path("status").asText(), catalog.toString());
        assertTrue(catalog.toString().contains("is missing on the Target") && catalog.toString().contains("SHA-256 differs"), catalog.toString());
        assertEquals("FAIL", check(report, "objects.deleted").path("status").asText(), report.toString());
        JsonNode orphaned = check(report, "cross.metadata-has-objects");
        assertEquals("FAIL", orphaned.path("status").asText(), orphaned.toString());
        assertTrue(orphaned.toString().contains("metadata row " + orphan + " has no object under"), orphaned.toString());
        for (ObjectSpec o : List.of(rewritten, removed, deleted)) {
            assertFalse(tampered.all().contains(o.key()), "object keys are never printed");
        }
    }

    private static byte[] body(MinioClient s3, String bucket, String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    /**
     * kill -9 in the middle of the delta's PostgreSQL sync (a table of 60 000 new rows), then --resume: the Target ends
     * equal to the Source, as after an uninterrupted load, and nothing is half-synced or duplicated.
     */
    @Test
    void aDeltaLoadKilledMidwayAndResumedEndsLikeAnUninterruptedOne(Stores stores) throws Exception {
        SeedNames names = new SeedNames("deltakill", "delta-kill", "deltakill");
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 13_014L);
        StoreSet s = stores.source();
        PostgresEndpoint sourceDb = stores.createDatabase(Role.SOURCE, "delta_kill_src");
        StoreSet source = new StoreSet(Role.SOURCE, sourceDb, s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, names);
        TestKeys keys = TestKeys.generate(dir, "k");
        Path base = export(source, keys, dir.resolve("pass1"), names, "--live");
        TargetFixture first = new TargetFixture(stores, names.realm(), Map.of(), keys, base, dir.resolve("target"));
        LoadRun load1 = first.load("--stores", STORES);
        assertEquals(0, load1.exitCode(), load1.all());

        Thread.sleep(1_500);
        try (Connection c = DriverManager.getConnection(sourceDb.jdbcUrl(), sourceDb.user(), sourceDb.password());
                Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO tag (tag_id, name, description) SELECT 'window-' || g, 'tag ' || g, repeat('x', 200)"
                    + " FROM generate_series(1, 60000) g");
            st.executeUpdate("DELETE FROM agent WHERE id = (SELECT min(id) FROM agent)");
        }
        Path delta = export(source, keys, dir.resolve("pass2"), names, "--since", base.toString(), "--safety-margin", "0s");
        TargetFixture second = first.withBundle(delta);
        String deltaId = JSON.readTree(delta.resolve("manifest.json").toFile()).path("bundleId").asText();
        Path journal = second.stateDir.resolve(deltaId + ".journal.json");
        Path log = dir.resolve("killed.log");
        Process p = second.startJar(log, "--stores", STORES);
        boolean killedMidway = false;
        while (p.isAlive()) {
            JsonNode j = null;
            try {
                j = Files.exists(journal) ? JSON.readTree(journal.toFile()) : null;
            } catch (java.io.IOException e) {
                // being renamed into place
            }
            if (j != null && started(j, "postgres.tag")) {
                p.destroyForcibly();
                killedMidway = true;
                break;
            }
            Thread.sleep(10);
        }
        p.waitFor();
        assertTrue(killedMidway, "the delta load was killed during the sync of table tag; its output:\n" + Files.readString(log));

        LoadRun plain = second.load("--stores", STORES);
        assertEquals(2, plain.exitCode(), plain.all());
        assertTrue(plain.err().contains("--resume"), plain.err());
        LoadRun resumed = second.load("--stores", STORES, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        for (String table : KeaDataset.CARRIED_TABLES) {
            assertEquals(content(sourceDb, table), content(second.database, table), "table " + table + " (" + deltaId + ")");
        }
        JsonNode report = validated(second);
        assertEquals("PASS", report.path("verdict").asText());
    }

    /** Every carried table's content, the store's tuples and every object: equal before and after iff nothing was written. */
    private static List<Object> targetState(TargetFixture t, String prefix, String store, TargetProbe probe) throws Exception {
        List<Object> state = new ArrayList<>();
        for (String table : KeaDataset.CARRIED_TABLES) {
            state.add(content(t.database, table));
        }
        state.add(probe.tuples(store));
        state.add(objects(MinioClient.builder().endpoint(t.target.s3().endpoint())
                .credentials(t.target.s3().accessKey(), t.target.s3().secretKey()).build(), prefix));
        return state;
    }

    private static JsonNode validated(TargetFixture t, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--json", "--stores", STORES));
        args.addAll(List.of(extra));
        LoadRun run = t.validate(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.all());
        JsonNode json = JSON.readTree(run.out());
        assertEquals("PASS", json.path("verdict").asText(), run.out());
        assertEquals("PASS", check(json, "objects.deleted").path("status").asText(), run.out());
        return json;
    }

    private static JsonNode check(JsonNode report, String id) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + report);
    }

    private static long tally(JsonNode report, String count) {
        for (JsonNode s : report.path("stores")) {
            if (s.path("store").asText().equals("objects")) {
                return s.path("actual").path(count).asLong(-1);
            }
        }
        throw new AssertionError("no objects tally in " + report);
    }

    private static long sourceObjectsCount(MinioClient s3, String prefix) throws Exception {
        return objects(s3, prefix).size();
    }

    private Path export(StoreSet source, TestKeys keys, Path out, String... extra) throws Exception {
        return export(source, keys, out, NAMES, extra);
    }

    private Path export(StoreSet source, TestKeys keys, Path out, SeedNames names, String... extra) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("source"));
        Path yaml = SourceYaml.write(cfg.resolve("source.yaml"), cfg.resolve("secrets"), source, "delta load", names.realm(),
                names.openFgaStore(), names.bucketPrefix());
        List<String> args = new ArrayList<>(List.of("run", "--config", yaml.toString(), "--stores", STORES, "--recipient",
                keys.recipientPublic().toString(), "--signing-key", keys.signerSecret().toString(), "--out", out.toString(), "--json"));
        args.addAll(List.of(extra));
        LoadRun r = TargetFixture.runInProcess("ferry-export", new ExportCli(), args);
        assertEquals(0, r.exitCode(), r.all());
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
        }
    }

}
