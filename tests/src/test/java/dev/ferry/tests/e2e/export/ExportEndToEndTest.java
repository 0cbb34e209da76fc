package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.stores.config.TableSelection;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.KeaTeam;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.generator.SqlTable;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ferry-export against the harness's Source stores seeded with the generator's small kea dataset: for each store alone
 * and for all four together, the bundle is verified and read back through the archive reader, and every table row,
 * user, group, membership, tuple and object of the dataset must be in it.
 */
@ExtendWith(StoresExtension.class)
class ExportEndToEndTest {
    private static final long SEED = 4_004L;
    private static final SeedNames SEED_NAMES = new SeedNames("exporte2e", "export-e2e", "exporte2e");
    private static final ExportFixture.Names NAMES = new ExportFixture.Names("exporte2e", "export-e2e", "exporte2e");
    /** The primary key column of each carried kea table (docs/reference/fred-stores.md §1.1). */
    private static final Map<String, String> PRIMARY_KEYS = Map.of("agent", "id", "tag", "tag_id",
            "metadata", "document_uid", "resource", "resource_id", "teammetadata", "id", "users", "id");

    /** The one file the JVM itself writes to java.io.tmpdir: zstd-jni's native library, extracted from its jar. */
    private static final java.util.regex.Pattern ZSTD_NATIVE_LIBRARY =
            java.util.regex.Pattern.compile("libzstd-jni-[0-9.-]+[0-9]+\\.(so|dylib|dll)");

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @TempDir
    static Path shared;
    static KeaDataset dataset;
    static StoreSet source;
    static ExportFixture.Keys keys;
    /** A folder made in a console in the first bucket: a real zero-byte key ending in '/', carried like any object. */
    static final String FOLDER_KEY = "teams/archive/";
    static String folderBucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed(Stores stores) throws IOException {
        dataset = KeaGenerator.generate(Profile.small(), SEED);
        StoreSet s = stores.source();
        source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "export_e2e"), s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, SEED_NAMES);
        keys = ExportFixture.Keys.generate(shared.resolve("keys"));
        folderBucket = dataset.objects().get(0).bucket().bucketName(SEED_NAMES.bucketPrefix());
        try {
            MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint())
                    .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
            s3.putObject(PutObjectArgs.builder().bucket(folderBucket).object(FOLDER_KEY)
                    .stream(new java.io.ByteArrayInputStream(new byte[0]), 0, -1).build());
        } catch (Exception e) {
            throw new IOException("cannot write the folder key", e);
        }
    }

    private BundleContents export(String stores, String... extra) throws IOException {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("--stores", stores));
        args.addAll(List.of(extra));
        ExportFixture.Result r = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, out, args.toArray(String[]::new)));
        assertEquals(0, r.exitCode(), r::toString);
        BundleContents bundle = BundleContents.read(ExportFixture.bundleIn(out), keys);
        assertEquals(new TreeSet<>(List.of(stores.split(","))), new TreeSet<>(bundle.bundle.stores()));
        assertEquals("not carried: re-vectorize on the Target (runbook §1.5)", bundle.bundle.manifest().notes().get("opensearch"));
        return bundle;
    }

    @Test
    void postgresAlone() throws IOException {
        checkPostgres(export("postgres"));
    }

    @Test
    void keycloakAloneWithTheOfflineExport(Stores stores) throws IOException {
        Path offline = stores.keycloakOfflineExport(Role.SOURCE, NAMES.realm(), dir.resolve("kc").resolve("realm.json"));
        BundleContents bundle = export("keycloak", "--keycloak-realm-file", offline.toString());
        checkKeycloak(bundle, true);
        assertNotNull(bundle.offlineExport, "offline-export.json");
        assertEquals(0, bundle.crosscheck.path("missingFromOffline").size(), bundle.crosscheck::toString);
        assertEquals(0, bundle.crosscheck.path("missingFromApi").size(), bundle.crosscheck::toString);
        assertEquals(0, bundle.crosscheck.path("membershipDifferences").size(), bundle.crosscheck::toString);
    }

    @Test
    void openFgaAlone() throws IOException {
        checkOpenFga(export("openfga"));
    }

    @Test
    void objectsAlone() throws IOException {
        checkObjects(export("objects"));
    }

    @Test
    void allStoresTogether() throws IOException {
        BundleContents bundle = export("postgres,keycloak,openfga,objects");
        checkPostgres(bundle);
        checkKeycloak(bundle, false);
        checkOpenFga(bundle);
        checkObjects(bundle);
    }

    private void checkPostgres(BundleContents bundle) {
        assertEquals(new TreeSet<>(TableSelection.DEFAULT_CARRY), new TreeSet<>(bundle.copyLines.keySet()));
        Map<String, JsonNode> schemaTables = new HashMap<>();
        bundle.schema.path("tables").forEach(t -> schemaTables.put(t.path("name").asText(), t));
        for (String table : TableSelection.DEFAULT_CARRY) {
            SqlTable expected = dataset.table(table);
            List<String> lines = bundle.copyLines.get(table);
            assertEquals(expected.rows().size(), lines.size(), "rows of " + table);
            List<String> columns = new ArrayList<>();
            schemaTables.get(table).path("columns").forEach(c -> columns.add(c.path("name").asText()));
            int pk = columns.indexOf(PRIMARY_KEYS.get(table));
            Set<String> carried = lines.stream().map(l -> l.split("\t", -1)[pk]).collect(Collectors.toSet());
            Set<String> generated = expected.column(PRIMARY_KEYS.get(table)).stream().map(String::valueOf)
                    .collect(Collectors.toSet());
            assertEquals(generated, carried, "primary keys of " + table);
            assertEquals(expected.rows().size(), schemaTables.get(table).path("rowCount").asLong());
            assertEquals(64, schemaTables.get(table).path("fingerprint").asText().length());
        }
        Set<String> skipped = new HashSet<>();
        bundle.schema.path("skipped").forEach(s -> skipped.add(s.asText()));
        for (SqlTable t : dataset.tables()) {
            if (!TableSelection.DEFAULT_CARRY.contains(t.name())) {
                assertTrue(skipped.contains(t.name()), t.name() + " must be listed as skipped: " + skipped);
            }
        }
        assertEquals("REPEATABLE READ", bundle.schema.path("snapshot").asText());
    }

    private void checkKeycloak(BundleContents bundle, boolean offlineGiven) {
        Map<String, JsonNode> users = new HashMap<>();
        bundle.users.forEach(u -> users.put(u.path("id").asText(), u));
        assertEquals(dataset.users().size(), users.size(), "users");
        Set<String> groupIds = new HashSet<>();
        collectGroups(bundle.realm.path("groups"), groupIds);
        for (KeaTeam team : dataset.teams()) {
            assertTrue(groupIds.contains(team.id()), "team group " + team.name());
        }
        for (KeaUser u : dataset.users()) {
            JsonNode carried = users.get(u.id());
            assertNotNull(carried, "user " + u.username());
            assertEquals(u.username(), carried.path("username").asText());
            assertEquals(u.email(), carried.path("email").asText());
            Set<String> memberships = new HashSet<>();
            carried.path("ferryGroupIds").forEach(g -> memberships.add(g.asText()));
            assertEquals(new HashSet<>(u.teamIds()), memberships, "memberships of " + u.username());
            assertEquals(u.webAuthn() != null, carried.path("ferryNeedsWebAuthnReenrolment").asBoolean(),
                    "WebAuthn re-enrolment of " + u.username());
            assertEquals(offlineGiven, carried.path("ferryPasswordCarried").asBoolean(), "password carried for " + u.username());
        }
        for (JsonNode client : bundle.realm.path("clients")) {
            assertFalse("**********".equals(client.path("secret").asText()), "a client secret is masked: " + client.path("clientId"));
        }
        dataset.clients().stream().filter(c -> c.secret() != null).forEach(c -> {
            boolean found = false;
            for (JsonNode client : bundle.realm.path("clients")) {
                found |= c.clientId().equals(client.path("clientId").asText()) && c.secret().equals(client.path("secret").asText());
            }
            assertTrue(found, "client " + c.clientId() + " with its secret in clear");
        });
        assertTrue(bundle.realm.has("ferryUserProfile"), "user profile");
    }

    private static void collectGroups(JsonNode groups, Set<String> ids) {
        for (JsonNode g : groups) {
            ids.add(g.path("id").asText());
            collectGroups(g.path("subGroups"), ids);
        }
    }

    private void checkOpenFga(BundleContents bundle) {
        Set<FgaTuple> carried = bundle.tuples.stream()
                .map(t -> new FgaTuple(t.path("user").asText(), t.path("relation").asText(), t.path("object").asText()))
                .collect(Collectors.toSet());
        assertEquals(new HashSet<>(dataset.tuples()), carried, "tuples");
        assertEquals(dataset.tuples().size(), bundle.tuples.size(), "no tuple twice");
        assertTrue(bundle.models.path("models").size() >= 1, "models");
        assertEquals(bundle.models.path("models").get(0).path("id").asText(), bundle.models.path("latestModelId").asText());
        assertEquals(64, bundle.tupleFingerprint.length());
    }

    private void checkObjects(BundleContents bundle) {
        Map<String, BundleContents.CarriedObject> byKey = new HashMap<>();
        for (BundleContents.CarriedObject o : bundle.objects) {
            assertTrue(byKey.put(o.bucket() + "\n" + o.key(), o) == null, "an object carried twice: " + o.key());
        }
        for (ObjectSpec spec : dataset.objects()) {
            String bucket = spec.bucket().bucketName(NAMES.bucketPrefix());
            BundleContents.CarriedObject o = byKey.remove(bucket + "\n" + spec.key());
            assertNotNull(o, "object " + spec.key() + " of " + bucket);
            assertEquals(spec.size(), o.size());
            assertEquals(ObjectContent.sha256(spec), o.sha256(), "bytes of " + spec.key());
            assertEquals(spec.contentType(), o.contentType());
            Map<String, String> meta = new HashMap<>();
            o.userMetadata().fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
            Map<String, String> expected = new HashMap<>();
            spec.userMetadata().forEach((k, v) -> expected.put(k.toLowerCase(java.util.Locale.ROOT), v));
            assertEquals(expected, meta, "user metadata of " + spec.key());
        }
        BundleContents.CarriedObject folder = byKey.remove(folderBucket + "\n" + FOLDER_KEY);
        assertNotNull(folder, "the zero-byte folder key " + FOLDER_KEY);
        assertEquals(0, folder.size());
        assertEquals(EMPTY_SHA256, folder.sha256());
        assertEquals(List.of(), List.copyOf(byKey.keySet()), "objects the Source does not hold (placeholders?)");
    }

    /**
     * The no-plaintext rule: a full export by the real jar, with the JVM's temp dir and the working directory pointed
     * at empty watched directories, creates nothing there, and nothing in --out but the bundle's parts, manifest,
     * sums and signatures, the exporter's sealed state (DeltaExportTest shows it holds no key in clear), and the
     * bundle's own temporary directory before its rename.
     */
    @Test
    void aFullExportWritesNothingButTheBundle(Stores stores) throws Exception {
        Path offline = stores.keycloakOfflineExport(Role.SOURCE, NAMES.realm(), dir.resolve("kc").resolve("realm.json"));
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        Path tmp = java.nio.file.Files.createDirectories(dir.resolve("watched-tmp"));
        Path work = java.nio.file.Files.createDirectories(dir.resolve("watched-work"));
        Path out = java.nio.file.Files.createDirectories(dir.resolve("watched-out"));
        ExportFixture.Result r;
        List<Path> created;
        try (DirectoryWatch watch = new DirectoryWatch(tmp, work, out)) {
            r = ExportFixture.run(work, List.of("-Xmx256m", "-XX:-UsePerfData", "-Djava.io.tmpdir=" + tmp),
                    ExportFixture.runArgs(config, keys, out, "--keycloak-realm-file", offline.toString()));
            Thread.sleep(500);
            created = watch.created();
        }
        assertEquals(0, r.exitCode(), r::toString);
        Path bundle = ExportFixture.bundleIn(out);
        java.util.regex.Pattern allowedInBundle = java.util.regex.Pattern.compile(
                "[a-z][a-z0-9]*-\\d{2,}-\\d{4,}\\.tar\\.zst\\.gpg|manifest\\.json(\\.sig)?|SHA256SUMS(\\.sig)?|exporter-state\\.pgp");
        for (Path p : created) {
            if (p.getParent().equals(tmp) && ZSTD_NATIVE_LIBRARY.matcher(p.getFileName().toString()).matches()) {
                // zstd-jni unpacks its native code there (and deletes it at exit): program code, not store data.
                continue;
            }
            Path rel = out.relativize(p.startsWith(out) ? p : out);
            boolean ok;
            if (!p.startsWith(out)) {
                ok = false;
            } else if (rel.getNameCount() == 1) {
                String name = rel.toString();
                ok = name.equals(bundle.getFileName().toString()) || name.startsWith("." + bundle.getFileName() + ".partial-");
            } else {
                ok = rel.getNameCount() == 2 && allowedInBundle.matcher(rel.getFileName().toString()).matches();
            }
            assertTrue(ok, "a file appeared that is not part of the bundle: " + p + "\nall created: " + created);
        }
        try (var files = java.nio.file.Files.list(bundle)) {
            for (Path f : files.toList()) {
                assertTrue(allowedInBundle.matcher(f.getFileName().toString()).matches(), "unexpected file in the bundle: " + f);
            }
        }
        try (var t = java.nio.file.Files.list(tmp); var w = java.nio.file.Files.list(work)) {
            assertEquals(List.of(), java.util.stream.Stream.concat(t, w).toList(), "temp dir and working dir must end empty");
        }
        assertFalse(created.isEmpty(), "the watch saw the bundle being written");
        // The export carried real data, so the emptiness above is meaningful.
        BundleContents contents = BundleContents.read(bundle, keys);
        checkObjects(contents);
    }

    @Test
    void planMeasuresTheSourceReadOnly() throws IOException {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportFixture.Result r = ExportFixture.run(dir, "plan", "--config", config.toString(), "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonNode plan = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        for (JsonNode t : plan.path("postgres").path("tables")) {
            if (t.path("carried").asBoolean()) {
                assertEquals(dataset.table(t.path("name").asText()).rows().size(), t.path("rows").asLong(), t::toString);
            }
        }
        JsonNode kc = plan.path("keycloak");
        assertEquals(dataset.users().size(), kc.path("users").asLong());
        assertEquals(dataset.teams().size(), kc.path("groups").asLong());
        assertEquals(dataset.users().stream().filter(u -> u.webAuthn() != null).count(), kc.path("webauthnUsers").asLong());
        assertEquals(dataset.users().size(), kc.path("passwordNotCarried").asLong(), "no offline export: no hash is carried");
        assertEquals(dataset.tuples().size(), plan.path("openfga").path("tuples").asLong());
        assertEquals(dataset.tuples().stream().filter(t -> t.user().startsWith("user:") && !t.user().equals("user:*")
                && !t.user().matches("user:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")).count(),
                plan.path("openfga").path("usernameFormTuples").asLong());
        assertEquals(dataset.objectBytes(), plan.path("objects").path("bytes").asLong());
        assertTrue(plan.path("estimate").path("bytesPerSecond").asLong() > 0, "a throughput was measured");
        assertEquals(0, plan.path("problems").size());
        assertEquals(dataset.teams().size(), kc.path("teams").asLong(), "teams are the root groups");
        JsonNode cross = plan.path("crossStore");
        assertEquals(2, cross.path("checks").size(), cross::toString);
        for (JsonNode c : cross.path("checks")) {
            assertEquals(0, c.path("problems").size(), "the generated Source holds every cross-store rule: " + c);
            assertTrue(c.path("checked").asLong() > 0, c::toString);
        }
    }

    @Test
    void dryRunChecksEverythingAndWritesNothing() throws IOException {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        Path out = dir.resolve("out");
        ExportFixture.Result r = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, out, "--dry-run"));
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(java.nio.file.Files.exists(out), "a dry run writes nothing");
    }

    /** Ctrl-C while the bundle is being written: exit 130 and nothing left in --out, not even the temporary directory. */
    @Test
    void ctrlCStopsCleanlyAndLeavesNoBundle() throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        Path out = java.nio.file.Files.createDirectories(dir.resolve("out"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", System.getProperty("ferry.exporter.jar")));
        command.addAll(List.of(ExportFixture.runArgs(config, keys, out)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile()).start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        boolean writing = false;
        while (!writing && p.isAlive() && System.nanoTime() < deadline) {
            try (var files = java.nio.file.Files.list(out)) {
                writing = files.anyMatch(f -> f.getFileName().toString().contains(".partial-"));
            }
            Thread.sleep(20);
        }
        assertTrue(writing, "the export started writing its temporary bundle: " + java.nio.file.Files.readString(dir.resolve("run.log")));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "the export stopped after Ctrl-C");
        String log = java.nio.file.Files.readString(dir.resolve("run.log"));
        if (p.exitValue() == 0) {
            // The export won the race and finished before the signal: then the bundle must be complete.
            BundleContents.read(ExportFixture.bundleIn(out), keys);
            return;
        }
        assertEquals(130, p.exitValue(), log);
        try (var files = java.nio.file.Files.list(out)) {
            assertEquals(List.of(), files.toList(), "nothing may remain in --out after Ctrl-C: " + log);
        }
        assertTrue(log.contains("interrupted; the unfinished bundle was removed"), log);
    }

    /** The text forms people read: the plan's figures and the run's summary (the other tests use --json). */
    @Test
    void textPlanAndSummaryForPeople() throws IOException {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportFixture.Result plan = ExportFixture.run(dir, "plan", "--config", config.toString(), "--stores", "postgres,openfga");
        assertEquals(0, plan.exitCode(), plan::toString);
        assertTrue(plan.stdout().contains("OpenFGA     store export-e2e"), plan::toString);
        assertTrue(plan.stdout().matches("(?s).*agent\\s+carry\\s+" + dataset.table("agent").rows().size() + "\\s.*"), plan::toString);
        assertTrue(plan.stdout().contains("OpenSearch is not carried"), plan::toString);
        List<String> args = new ArrayList<>(List.of(ExportFixture.runArgs(config, keys, dir.resolve("out"), "--stores", "postgres,openfga")));
        args.remove("--json");
        ExportFixture.Result run = ExportFixture.run(dir, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("Bundle written: "), run::toString);
        assertTrue(run.stdout().contains("tuples " + dataset.tuples().size()), run::toString);
    }
}
