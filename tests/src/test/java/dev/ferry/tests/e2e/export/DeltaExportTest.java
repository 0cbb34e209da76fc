package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two passes of the freeze on the export side, against real servers: a full (live) pass, then objects added,
 * changed (new bytes of the same size, a new size, identical bytes rewritten) and deleted on the Source and a row
 * changed, then {@code run --since}. The delta must carry exactly the added and changed objects, list exactly the
 * deletions, hold the complete freeze catalog, name its base in a version-2 manifest, pass every verification
 * (Ferry's with and without the key, stock gpg + sha256sum), and leave a state that only the exporter can read.
 * Expectations come from the S3 server itself (its listing and the bytes it serves), never from the exporter.
 */
@ExtendWith(StoresExtension.class)
class DeltaExportTest {
    private static final long SEED = 12_001L;
    private static final SeedNames SEED_NAMES = new SeedNames("deltae2e", "delta-e2e", "deltae2e");
    private static final ExportFixture.Names NAMES = new ExportFixture.Names("deltae2e", "delta-e2e", "deltae2e");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The added object's file name: it must never appear in clear in the bundle directory. */
    private static final String SECRET_NAME = "Freeze minutes — board only.pdf";

    @TempDir
    static Path shared;
    static KeaDataset dataset;
    static StoreSet source;
    static ExportFixture.Keys keys;
    static MinioClient s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed(Stores stores) throws Exception {
        dataset = KeaGenerator.generate(Profile.small(), SEED);
        StoreSet s = stores.source();
        source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "delta_e2e"), s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, SEED_NAMES);
        keys = ExportFixture.Keys.generate(shared.resolve("keys"));
        s3 = MinioClient.builder().endpoint(source.s3().endpoint()).credentials(source.s3().accessKey(), source.s3().secretKey()).build();
    }

    /** An object as the server lists and serves it. */
    record Served(String bucket, String key, long size, String etag, String sha256) {
    }

    /** Every object of the seeded buckets, from the server: listing plus the SHA-256 of the bytes it serves. */
    static Map<String, Served> serverState(String prefix) throws Exception {
        Map<String, Served> all = new TreeMap<>();
        for (Bucket b : s3.listBuckets(ListBucketsArgs.builder().build())) {
            if (!b.name().startsWith(prefix + "-")) {
                continue;
            }
            for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(b.name()).recursive(true).build())) {
                Item i = r.get();
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(b.name()).object(i.objectName()).build())) {
                    d.update(in.readAllBytes());
                }
                all.put(id(b.name(), i.objectName()), new Served(b.name(), i.objectName(), i.size(), i.etag().replace("\"", ""),
                        HexFormat.of().formatHex(d.digest())));
            }
        }
        return all;
    }

    static String id(String bucket, String key) {
        return bucket + "\u0000" + key;
    }

    static void put(String bucket, String key, byte[] body) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(body), body.length, -1)
                .contentType("application/pdf").build());
    }

    static byte[] get(String bucket, String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private JsonNode runJson(Path out, String... extra) throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportFixture.Result r = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, out, extra));
        assertEquals(0, r.exitCode(), r::toString);
        return JSON.readTree(r.stdout());
    }

    @Test
    void theDeltaCarriesExactlyWhatChangedListsTheDeletionsAndVerifiesEverywhere() throws Exception {
        // Pass 1: the full pass while the Source is live.
        JsonNode first = runJson(dir.resolve("pass1"), "--live");
        Path base = ExportFixture.bundleIn(dir.resolve("pass1"));
        assertEquals(1, first.path("formatVersion").asInt());
        assertEquals("skipped (live pass)", first.path("freezeGuard").asText());
        Manifest baseManifest = BundleVerifier.verifySealed(base, keys.signerPublic()).manifest();
        assertEquals("skipped (live pass)", baseManifest.notes().get("freeze-guard"));
        assertTrue(Files.isRegularFile(base.resolve("exporter-state.pgp")));

        // Changes on the Source, more than a second after the first pass listed (S3 times have whole seconds).
        Thread.sleep(1_500);
        List<ObjectSpec> specs = dataset.objects().stream().filter(o -> o.size() > 0)
                .sorted(java.util.Comparator.comparing(ObjectSpec::key)).toList();
        String prefix = SEED_NAMES.bucketPrefix();
        ObjectSpec sameSize = specs.get(0);
        ObjectSpec newSize = specs.get(1);
        ObjectSpec rewritten = specs.get(2);
        ObjectSpec gone1 = specs.get(3);
        ObjectSpec gone2 = specs.get(4);
        Random rnd = new Random(SEED);
        byte[] sameSizeBody = get(sameSize.bucket().bucketName(prefix), sameSize.key());
        for (int i = 0; i < sameSizeBody.length; i++) {
            sameSizeBody[i] ^= (byte) (1 + rnd.nextInt(255));
        }
        put(sameSize.bucket().bucketName(prefix), sameSize.key(), sameSizeBody);
        byte[] bigger = new byte[(int) newSize.size() + 7];
        rnd.nextBytes(bigger);
        put(newSize.bucket().bucketName(prefix), newSize.key(), bigger);
        put(rewritten.bucket().bucketName(prefix), rewritten.key(), get(rewritten.bucket().bucketName(prefix), rewritten.key()));
        for (ObjectSpec gone : List.of(gone1, gone2)) {
            s3.removeObject(RemoveObjectArgs.builder().bucket(gone.bucket().bucketName(prefix)).object(gone.key()).build());
        }
        String addedBucket1 = sameSize.bucket().bucketName(prefix);
        String addedKey1 = "a4d1c2b0-0000-4000-8000-000000000001/input/" + SECRET_NAME;
        byte[] added1 = new byte[12_345];
        rnd.nextBytes(added1);
        put(addedBucket1, addedKey1, added1);
        String addedBucket2 = gone1.bucket().bucketName(prefix);
        String addedKey2 = "a4d1c2b0-0000-4000-8000-000000000002/input/summary.txt";
        put(addedBucket2, addedKey2, "the second added object\n".getBytes(StandardCharsets.UTF_8));
        try (Connection c = DriverManager.getConnection(source.postgres().jdbcUrl(), source.postgres().user(), source.postgres().password());
                Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate("UPDATE agent SET name = name || ' (freeze)' WHERE id = (SELECT min(id) FROM agent)"));
        }

        Map<String, Served> now = serverState(prefix);
        Set<String> expectedCarried = new TreeSet<>(List.of(id(addedBucket1, addedKey1), id(addedBucket2, addedKey2),
                id(sameSize.bucket().bucketName(prefix), sameSize.key()), id(newSize.bucket().bucketName(prefix), newSize.key()),
                id(rewritten.bucket().bucketName(prefix), rewritten.key())));
        assertEquals(rewritten.size(), now.get(id(rewritten.bucket().bucketName(prefix), rewritten.key())).size());
        Set<String> expectedDeleted = new TreeSet<>(List.of(id(gone1.bucket().bucketName(prefix), gone1.key()),
                id(gone2.bucket().bucketName(prefix), gone2.key())));

        // The plan of the delta, before the window.
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportFixture.Result planRun = ExportFixture.run(dir, "plan", "--config", config.toString(), "--since", base.toString(),
                "--signing-key", keys.signer().secretKey().toString(), "--safety-margin", "0s", "--json");
        assertEquals(0, planRun.exitCode(), planRun::toString);
        JsonNode plan = JSON.readTree(planRun.stdout()).path("delta");
        assertEquals(baseManifest.bundleId(), plan.path("base").asText());
        assertEquals(2, plan.path("added").asLong(), plan::toString);
        assertEquals(added1.length + "the second added object\n".length(), plan.path("addedBytes").asLong());
        assertEquals(3, plan.path("changed").asLong(), plan::toString);
        assertEquals(sameSize.size() + bigger.length + rewritten.size(), plan.path("changedBytes").asLong());
        assertEquals(2, plan.path("deleted").asLong(), plan::toString);
        assertEquals(gone1.size() + gone2.size(), plan.path("deletedBytes").asLong());
        assertEquals(now.size(), plan.path("catalogObjects").asLong());
        assertEquals(now.size() - 5, plan.path("unchanged").asLong());

        // Pass 2: the delta, with the freeze guard (nothing moves now).
        JsonNode second = runJson(dir.resolve("pass2"), "--since", base.toString(), "--safety-margin", "0s");
        Path delta = ExportFixture.bundleIn(dir.resolve("pass2"));
        assertEquals(2, second.path("formatVersion").asInt());
        assertEquals(baseManifest.bundleId(), second.path("base").asText());
        assertEquals("checked", second.path("freezeGuard").asText());

        BundleContents contents = BundleContents.read(delta, keys);
        Manifest m = contents.bundle.manifest();
        assertEquals(2, m.formatVersion());
        assertEquals(baseManifest.bundleId(), m.base());
        assertEquals("checked", m.notes().get("freeze-guard"));
        assertTrue(Files.readString(delta.resolve("manifest.json")).contains("\"base\" : \"" + baseManifest.bundleId() + "\""));

        // Exactly the added and changed objects, with the bytes the server serves now.
        Map<String, BundleContents.CarriedObject> carried = contents.objects.stream()
                .collect(Collectors.toMap(o -> id(o.bucket(), o.key()), o -> o));
        assertEquals(expectedCarried, new TreeSet<>(carried.keySet()));
        carried.forEach((k, o) -> {
            assertEquals(now.get(k).sha256(), o.sha256(), "bytes of a carried object");
            assertEquals(now.get(k).size(), o.size());
        });
        assertEquals("added", carried.get(id(addedBucket1, addedKey1)).change());
        assertEquals("changed", carried.get(id(rewritten.bucket().bucketName(prefix), rewritten.key())).change());

        // Exactly the deletions.
        assertEquals(expectedDeleted, contents.deleted.stream().map(d -> id(d.path("bucket").asText(), d.path("key").asText()))
                .collect(Collectors.toCollection(TreeSet::new)));
        // The complete freeze catalog.
        Map<String, JsonNode> catalog = contents.catalog.stream()
                .collect(Collectors.toMap(c -> id(c.path("bucket").asText(), c.path("key").asText()), c -> c));
        assertEquals(now.keySet(), catalog.keySet());
        now.forEach((k, served) -> {
            JsonNode c = catalog.get(k);
            assertEquals(served.size(), c.path("size").asLong(), k);
            assertEquals(served.etag(), c.path("etag").asText(), k);
            assertEquals(served.sha256(), c.path("sha256").asText(), "catalog hash, also of objects this pass did not read");
        });
        Map<String, Long> objectCounts = m.stores().get("objects").counts();
        assertEquals(5L, objectCounts.get("objects"));
        assertEquals(2L, objectCounts.get("objects:added"));
        assertEquals(3L, objectCounts.get("objects:changed"));
        assertEquals(2L, objectCounts.get("deleted"));
        assertEquals((long) now.size(), objectCounts.get("catalog"));
        assertEquals(now.values().stream().mapToLong(Served::size).sum(), objectCounts.get("catalog:bytes"));

        // PostgreSQL, Keycloak and OpenFGA travel whole, the row change included.
        assertEquals(dataset.table("agent").rows().size(), contents.copyLines.get("agent").size());
        assertEquals(1, contents.copyLines.get("agent").stream().filter(l -> l.contains(" (freeze)")).count());
        assertEquals(dataset.users().size(), contents.users.size());
        assertEquals(dataset.tuples().size(), contents.tuples.size());

        // Every verification accepts it: Ferry's with and without the key, and the stock tools.
        VerificationReport sealed = BundleVerifier.verifySealed(delta, keys.signerPublic());
        assertTrue(sealed.ok(), sealed.problems()::toString);
        ExportFixture.Result courier = ExportFixture.runImporter(dir, "verify", delta.toString(), "--signer", keys.signer().publicKey().toString());
        assertEquals(0, courier.exitCode(), courier::toString);
        ExportFixture.Result full = ExportFixture.runImporter(dir, "verify", delta.toString(), "--signer", keys.signer().publicKey().toString(),
                "--decryption-key", keys.recipient().secretKey().toString(), "--no-passphrase");
        assertEquals(0, full.exitCode(), full::toString);
        try (StockTools courierTools = new StockTools()) {
            assertEquals(0, courierTools.gpg(delta, "--import", keys.signer().publicKey().toString()).exit());
            StockTools.Result manifestSig = courierTools.gpg(delta, "--verify", "manifest.json.sig", "manifest.json");
            assertEquals(0, manifestSig.exit(), manifestSig::toString);
            assertTrue(manifestSig.err().contains("Good signature"), manifestSig::toString);
            StockTools.Result sumsSig = courierTools.gpg(delta, "--verify", "SHA256SUMS.sig", "SHA256SUMS");
            assertEquals(0, sumsSig.exit(), sumsSig::toString);
            StockTools.Result sums = courierTools.sha256sumCheck(delta);
            assertEquals(0, sums.exit(), sums::toString);
            assertTrue(sums.out().contains("exporter-state.pgp: OK"), sums::toString);
            assertTrue(sums.out().contains("manifest.json: OK"), sums::toString);
            try (var files = Files.list(delta)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".sig") && !name.equals("SHA256SUMS")) {
                        assertTrue(sums.out().contains(name + ": OK"), "sha256sum -c covers " + name + ": " + sums);
                    }
                }
            }
        }

        // The state: nothing in clear, not for the Target's key, readable by the exporter's own key.
        for (Path bundle : List.of(base, delta)) {
            try (var files = Files.list(bundle)) {
                for (Path f : files.toList()) {
                    String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    String rawUtf8 = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    assertFalse(rawUtf8.contains("Freeze minutes") || raw.contains("Freeze minutes"), "a file name in clear in " + f);
                    assertFalse(raw.contains(gone1.key()) || raw.contains(sameSize.key()), "an object key in clear in " + f);
                }
            }
        }
        try (StockTools target = new StockTools()) {
            assertEquals(0, target.gpg(delta, "--import", keys.recipient().secretKey().toString()).exit());
            StockTools.Result denied = target.gpg(delta, "--decrypt", "exporter-state.pgp");
            assertNotEquals(0, denied.exit(), denied::toString);
            assertTrue(denied.err().contains("No secret key"), denied::toString);
            assertFalse(denied.out().contains(SECRET_NAME));
        }
        try (StockTools exporter = new StockTools()) {
            assertEquals(0, exporter.gpg(delta, "--import", keys.signer().secretKey().toString()).exit());
            StockTools.Result opened = exporter.gpg(delta, "--decrypt", "exporter-state.pgp");
            assertEquals(0, opened.exit(), opened::toString);
            assertTrue(opened.out().contains(SECRET_NAME), "the state does hold the key, sealed: the grep above was meaningful");
            assertTrue(opened.err().contains("Good signature"), opened::toString);
        }

        // Pass 3 from the delta: nothing changed since, so nothing is carried and the catalog is the same.
        JsonNode third = runJson(dir.resolve("pass3"), "--since", delta.toString(), "--safety-margin", "0s");
        assertEquals(m.bundleId(), third.path("base").asText());
        assertEquals(0, third.path("objectsDelta").path("added").asLong(), third::toString);
        assertEquals(0, third.path("objectsDelta").path("changed").asLong(), third::toString);
        assertEquals(0, third.path("objectsDelta").path("deleted").asLong(), third::toString);
        BundleContents again = BundleContents.read(ExportFixture.bundleIn(dir.resolve("pass3")), keys);
        assertEquals(List.of(), again.objects);
        assertEquals(List.of(), again.deleted);
        assertEquals(contents.catalog, again.catalog, "the catalog carries over, hashes included, from a delta's state");
    }

    @Test
    void sinceRefusesABaseWithoutStateAndABaseOfAnotherSigner() throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        // A bundle without objects has no catalog: as a base it gets the error with the fix.
        ExportFixture.Result noObjects = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("pg"), "--stores", "postgres", "--live"));
        assertEquals(0, noObjects.exitCode(), noObjects::toString);
        Path pgOnly = ExportFixture.bundleIn(dir.resolve("pg"));
        assertFalse(Files.exists(pgOnly.resolve("exporter-state.pgp")));
        ExportFixture.Result refused = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("d1"), "--since", pgOnly.toString()));
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("holds no exporter state"), refused::toString);
        assertTrue(refused.stderr().contains("make a full pass"), refused::toString);
        assertFalse(Files.exists(dir.resolve("d1")), "nothing written");

        // A base made by another exporter key is refused: its signatures are not this signer's.
        ExportFixture.Keys other = ExportFixture.Keys.generate(dir.resolve("other-keys"));
        ExportFixture.Result otherRun = ExportFixture.run(dir, ExportFixture.runArgs(config, other, dir.resolve("o"), "--stores", "objects", "--live"));
        assertEquals(0, otherRun.exitCode(), otherRun::toString);
        ExportFixture.Result wrongSigner = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("d2"), "--stores", "objects",
                "--since", ExportFixture.bundleIn(dir.resolve("o")).toString()));
        assertEquals(3, wrongSigner.exitCode(), wrongSigner::toString);
        assertTrue(wrongSigner.stderr().contains("does not verify against the signing key"), wrongSigner::toString);

        // --since needs the objects store.
        ExportFixture.Result noObjectsDelta = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, dir.resolve("d3"), "--stores", "postgres",
                "--since", pgOnly.toString()));
        assertEquals(2, noObjectsDelta.exitCode(), noObjectsDelta::toString);
        assertTrue(noObjectsDelta.stderr().contains("leaves out objects"), noObjectsDelta::toString);
    }
}
