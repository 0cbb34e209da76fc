package dev.ferry.tests.e2e.load;

import static dev.ferry.tests.e2e.load.StoreContents.byStore;
import static dev.ferry.tests.e2e.load.StoreContents.put;
import static dev.ferry.tests.e2e.load.StoreContents.sql;
import static dev.ferry.tests.e2e.load.StoreContents.content;
import static dev.ferry.tests.e2e.load.StoreContents.objects;
import static dev.ferry.tests.e2e.load.StoreContents.tuples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.exporter.cli.ExportCli;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.KeycloakEndpoint;
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
import jakarta.ws.rs.NotFoundException;
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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;

/**
 * A second full bundle (no --since) loaded onto a Target that holds the first, against real servers: it converges the
 * way a delta does. The Source changes between the two exports (rows added, changed and deleted; a tuple added and one
 * removed; an object added, one changed and one deleted; a user deleted). Before the second load, a Target table
 * written behind Ferry's back is refused; the dry run counts what will change; afterwards every table, the tuple set,
 * every object and the realm's users equal the Source's, and what the Source deleted is gone. Validate passes.
 */
@ExtendWith(StoresExtension.class)
class FullOverOlderLoadTest {
    private static final SeedNames NAMES = new SeedNames("fullover", "full-over", "fullover");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aNewerFullBundleReplacesTheOlderOneStoreByStore(Stores stores) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 14_014L);
        StoreSet s = stores.source();
        PostgresEndpoint sourceDb = stores.createDatabase(Role.SOURCE, "full_over_src");
        StoreSet source = new StoreSet(Role.SOURCE, sourceDb, s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, NAMES);
        TestKeys keys = TestKeys.generate(dir, "k");
        MinioClient sourceS3 = s3(source);

        Path older = export(source, keys, "older");
        TargetFixture first = new TargetFixture(stores, NAMES.realm(), Map.of(), keys, older, dir.resolve("target"));
        LoadRun load1 = first.load();
        assertEquals(0, load1.exitCode(), load1.all());

        // The Source moves on.
        String prefix = NAMES.bucketPrefix();
        List<ObjectSpec> objects = dataset.objects().stream().filter(o -> o.size() > 0).sorted(Comparator.comparing(ObjectSpec::key)).toList();
        ObjectSpec changed = objects.get(0);
        ObjectSpec deleted = objects.get(1);
        put(sourceS3, changed.bucket().bucketName(prefix), changed.key(), "changed after the first bundle\n".getBytes());
        sourceS3.removeObject(RemoveObjectArgs.builder().bucket(deleted.bucket().bucketName(prefix)).object(deleted.key()).build());
        put(sourceS3, changed.bucket().bucketName(prefix), "b5e2c3d4-0000-4000-8000-00000000000b/input/Added later.pdf", "added\n".getBytes());
        sql(sourceDb, "UPDATE agent SET name = name || ' (later)' WHERE id = (SELECT min(id) FROM agent)");
        sql(sourceDb, "DELETE FROM tag WHERE tag_id = (SELECT min(tag_id) FROM tag)");
        sql(sourceDb, "INSERT INTO tag (tag_id, name) VALUES ('tag-added-later', 'Later')");
        String sourceStore = FgaHttp.storeId(source.openfga().apiUrl(), NAMES.openFgaStore());
        List<TupleRecord> uuidTuples = tuples(source.openfga().apiUrl(), sourceStore).stream()
                .filter(t -> !t.isUsernameForm() && t.condition() == null).toList();
        TupleRecord removedTuple = uuidTuples.get(0);
        TupleRecord template = uuidTuples.get(1);
        String addedObject = template.object().substring(0, template.object().indexOf(':') + 1) + "added-later";
        FgaHttp.change(source.openfga().apiUrl(), sourceStore,
                "[{\"user\":\"" + template.user() + "\",\"relation\":\"" + template.relation() + "\",\"object\":\"" + addedObject + "\"}]",
                "[{\"user\":\"" + removedTuple.user() + "\",\"relation\":\"" + removedTuple.relation() + "\",\"object\":\""
                        + removedTuple.object() + "\"}]");
        KeaUser gone = dataset.users().stream().sorted(Comparator.comparing(KeaUser::username)).findFirst().orElseThrow();
        try (Keycloak src = admin(source.keycloak())) {
            src.realm(NAMES.realm()).users().get(gone.id()).remove();
        }

        Path newer = export(source, keys, "newer");
        TargetFixture second = first.withBundle(newer);

        // Someone wrote to the Target in between: refused, naming the table, nothing written.
        try (TargetProbe probe = new TargetProbe(second)) {
            probe.sql("INSERT INTO tag (tag_id, name) VALUES ('intruder', 'written on the Target')");
            LoadRun moved = second.load();
            assertNotEquals(0, moved.exitCode(), moved.all());
            assertTrue(moved.err().contains("the Target database changed since bundle") && moved.err().contains("tag ("), moved.err());
            assertTrue(moved.all().contains("this full bundle replaces it store by store"), moved.all());
            probe.sql("DELETE FROM tag WHERE tag_id = 'intruder'");
        }

        LoadRun dry = second.load("--dry-run", "--json");
        assertEquals(0, dry.exitCode(), dry.all());
        Map<String, JsonNode> planned = byStore(JSON.readTree(dry.out()));
        assertEquals(1, planned.get("postgres").at("/counts/rows:tag:added").asLong(), dry.out());
        assertEquals(1, planned.get("postgres").at("/counts/rows:tag:removed").asLong(), dry.out());
        assertEquals(1, planned.get("postgres").at("/counts/rows:agent:changed").asLong(), dry.out());
        assertEquals(1, planned.get("openfga").at("/counts/tuples:added").asLong(), dry.out());
        assertEquals(1, planned.get("openfga").at("/counts/tuples:removed").asLong(), dry.out());
        assertEquals(1, planned.get("objects").at("/counts/objects:added").asLong(), dry.out());
        assertEquals(1, planned.get("objects").at("/counts/objects:deleted").asLong(), dry.out());
        assertEquals(1, planned.get("keycloak").at("/counts/users:removed").asLong(), dry.out());

        LoadRun load2 = second.load("--json");
        assertEquals(0, load2.exitCode(), load2.all());
        Map<String, JsonNode> loaded = byStore(JSON.readTree(load2.out()));
        assertEquals(1, loaded.get("objects").at("/counts/objects:deleted").asLong(), load2.out());
        assertEquals(1, loaded.get("objects").at("/counts/objects:replaced").asLong(), "only the changed object is uploaded again: " + load2.out());

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
            String targetStore = FgaHttp.storeId(second.target.openfga().apiUrl(), second.storeName);
            assertEquals(List.copyOf(expectedTuples), probe.tuples(targetStore));
            assertEquals(objects(sourceS3, prefix), objects(s3(second.target), prefix), "every object, by bucket, key and SHA-256");
            assertThrows(NotFoundException.class, () -> probe.realm().users().get(gone.id()).toRepresentation(), "the deleted user is gone");
            assertEquals(dataset.users().size() - 1, probe.realm().users().count());
        }

        LoadRun validate = second.validate("--json");
        assertEquals(0, validate.exitCode(), validate.all());
        assertEquals("PASS", JSON.readTree(validate.out()).path("verdict").asText(), validate.out());

        LoadRun again = second.load();
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("was already loaded"), again.all());
    }

    private Path export(StoreSet source, TestKeys keys, String name) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("source"));
        Path yaml = SourceYaml.write(cfg.resolve("source.yaml"), cfg.resolve("secrets"), source, "full over older", NAMES.realm(),
                NAMES.openFgaStore(), NAMES.bucketPrefix());
        Path out = dir.resolve(name);
        LoadRun r = TargetFixture.runInProcess("ferry-export", new ExportCli(), List.of("run", "--config", yaml.toString(), "--recipient",
                keys.recipientPublic().toString(), "--signing-key", keys.signerSecret().toString(), "--out", out.toString(), "--json", "--live"));
        assertEquals(0, r.exitCode(), r.all());
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
        }
    }

    private static Keycloak admin(KeycloakEndpoint kc) {
        return Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli");
    }

    private static MinioClient s3(StoreSet stores) {
        return MinioClient.builder().endpoint(stores.s3().endpoint()).credentials(stores.s3().accessKey(), stores.s3().secretKey()).build();
    }

}
