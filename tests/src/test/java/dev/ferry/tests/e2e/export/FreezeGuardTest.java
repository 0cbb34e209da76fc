package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.cli.Progress;
import dev.ferry.common.ExitCode;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.run.ExportRun;
import dev.ferry.exporter.run.ExportRunSeam;
import dev.ferry.common.StoreKind;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.generator.SeedReport;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientTupleKeyWithoutCondition;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The freeze guard against real servers. The export runs in this JVM so the Source can be moved at a fixed point: after
 * every store was read and before the guard (ExportRun's test seam), a row, a user, a tuple and two objects change.
 * The guard must refuse the bundle, name each store with counts (never an object key or a user name), and leave
 * nothing in --out; with --live the same pass goes through and the manifest says the guard was skipped. The guard reads
 * the four stores side by side: each store moved alone is caught, and named alone.
 */
@ExtendWith(StoresExtension.class)
class FreezeGuardTest {
    private static final long SEED = 12_002L;
    private static final SeedNames SEED_NAMES = new SeedNames("guarde2e", "guard-e2e", "guarde2e");
    private static final ExportFixture.Names NAMES = new ExportFixture.Names("guarde2e", "guard-e2e", "guarde2e");

    @TempDir
    static Path shared;
    static KeaDataset dataset;
    static StoreSet source;
    static ExportFixture.Keys keys;
    static SeedReport seeded;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed(Stores stores) throws Exception {
        dataset = KeaGenerator.generate(Profile.small(), SEED);
        StoreSet s = stores.source();
        source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "guard_e2e"), s.keycloak(), s.openfga(), s.s3());
        seeded = KeaSeeder.seed(dataset, source, SEED_NAMES);
        keys = ExportFixture.Keys.generate(shared.resolve("keys"));
    }

    private ExportRun exportRun(Path config) {
        return new ExportRun(SourceConfig.load(config), config, EnumSet.allOf(StoreKind.class), null,
                new Progress(Progress.Mode.QUIET, new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()));
    }

    private SealingOptions sealing() {
        return new SealingOptions(List.of(KeyFiles.recipient(keys.recipient().publicKey())),
                KeyFiles.signingKey(keys.signer().secretKey(), Passphrase.none()), SealingOptions.FAT32_MAX, "guard e2e", 2);
    }

    /** Moves every store of the Source a little; {@code round} keeps each call's changes distinct. */
    private static void moveTheSource(int round) {
        try {
            try (Connection c = DriverManager.getConnection(source.postgres().jdbcUrl(), source.postgres().user(), source.postgres().password());
                    Statement st = c.createStatement()) {
                assertEquals(1, st.executeUpdate("UPDATE agent SET name = name || ' (moved " + round + ")' WHERE id = (SELECT min(id) FROM agent)"));
            }
            KeaUser user = dataset.users().get(round);
            try (Keycloak admin = Keycloak.getInstance(source.keycloak().url(), "master", source.keycloak().adminUser(),
                    source.keycloak().adminPassword(), "admin-cli")) {
                var resource = admin.realm(SEED_NAMES.realm()).users().get(user.id());
                UserRepresentation u = resource.toRepresentation();
                u.setFirstName(u.getFirstName() + " moved");
                resource.update(u);
            }
            FgaTuple tuple = dataset.tuples().get(round);
            OpenFgaClient fga = new OpenFgaClient(new ClientConfiguration().apiUrl(source.openfga().apiUrl()).storeId(seeded.openFgaStoreId()));
            fga.write(new ClientWriteRequest().deletes(List.of(new ClientTupleKeyWithoutCondition().user(tuple.user())
                    .relation(tuple.relation())._object(tuple.object())))).get();
            MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint())
                    .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
            ObjectSpec gone = dataset.objects().get(round);
            String bucket = gone.bucket().bucketName(SEED_NAMES.bucketPrefix());
            s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(gone.key()).build());
            byte[] body = ("written while the export ran " + round).getBytes();
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object("late-" + round + "/input/Late upload.pdf")
                    .stream(new ByteArrayInputStream(body), body.length, -1).build());
        } catch (Exception e) {
            throw new AssertionError("could not move the Source", e);
        }
    }

    @Test
    void aSourceThatMovesDuringTheExportIsRefusedWithWhatChanged() throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        Path out = Files.createDirectories(dir.resolve("out"));
        ExportRun run = exportRun(config);
        ExportRunSeam.afterRead(run, () -> moveTheSource(0));
        MismatchException e = assertThrows(MismatchException.class, () -> run.run(out.resolve("kea.ferry"), sealing()));
        String problem = e.problem();
        assertEquals(ExitCode.MISMATCH, e.exitCode());
        assertTrue(problem.startsWith("The Source moved while it was read"), problem);
        assertTrue(problem.contains("postgres: 1 table(s) changed: agent ("), problem);
        assertTrue(problem.contains("keycloak: users: 0 added, 1 changed, 0 removed"), problem);
        assertTrue(problem.contains("openfga: the tuple set changed (" + dataset.tuples().size() + " tuples read, "
                + (dataset.tuples().size() - 1) + " now)"), problem);
        assertTrue(problem.contains("objects: 1 added, 0 changed, 1 deleted, in 1 bucket(s)"), problem);
        assertTrue(e.fix().contains("--live"), e.fix());
        String everything = problem + e.fix();
        assertFalse(everything.contains("Late upload") || everything.contains(dataset.objects().get(0).key()), "no object key");
        assertFalse(everything.contains(dataset.users().get(0).username()), "no user name");
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList(), "nothing is left behind, not even the temporary directory");
        }
    }

    /**
     * A password reset changes no field users.jsonl carries, only the password credential's creation date
     * (docs/reference/keycloak.md §11): the guard's digest covers it.
     */
    @Test
    void aPasswordResetAloneDuringTheExportIsSeen() throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportRun run = exportRun(config);
        ExportRunSeam.afterRead(run, () -> {
            try (Keycloak admin = Keycloak.getInstance(source.keycloak().url(), "master", source.keycloak().adminUser(),
                    source.keycloak().adminPassword(), "admin-cli")) {
                CredentialRepresentation password = new CredentialRepresentation();
                password.setType(CredentialRepresentation.PASSWORD);
                password.setValue("Reset-During-Freeze-" + System.nanoTime());
                password.setTemporary(false);
                admin.realm(SEED_NAMES.realm()).users().get(dataset.users().get(2).id()).resetPassword(password);
            }
        });
        MismatchException e = assertThrows(MismatchException.class, () -> run.run(dir.resolve("reset.ferry"), sealing()));
        assertTrue(e.problem().contains("keycloak: users: 0 added, 1 changed, 0 removed"), e.problem());
        assertFalse(e.problem().contains("postgres:") || e.problem().contains("openfga:") || e.problem().contains("objects:"),
                e.problem());
    }

    @Test
    void aLivePassSkipsTheGuardAndSaysSo() throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportRun run = exportRun(config);
        ExportRunSeam.afterRead(run, () -> moveTheSource(1));
        ExportRun.Outcome outcome = run.run(dir.resolve("live.ferry"), sealing(), ExportRun.PassOptions.full(true));
        assertEquals("skipped (live pass)", outcome.freezeGuard());
        assertEquals("skipped (live pass)", outcome.manifest().notes().get("freeze-guard"));
        BundleContents.read(dir.resolve("live.ferry"), keys);

        // A still Source passes the guard, and the manifest says it was checked.
        ExportRun still = exportRun(config);
        ExportRun.Outcome checked = still.run(dir.resolve("still.ferry"), sealing());
        assertEquals("checked", checked.manifest().notes().get("freeze-guard"));
    }

    /**
     * One store moves and the others stand still, while the guard reads all four at once: the guard names that store
     * alone (a row changed, a user changed, a tuple added, an object rewritten with other bytes).
     */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void eachStoreMovedAloneIsCaughtAndNamedAlone(StoreKind moving) throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportRun run = exportRun(config);
        int round = 2 + moving.ordinal();
        ExportRunSeam.afterRead(run, () -> moveOneStore(moving, round));
        MismatchException e = assertThrows(MismatchException.class, () -> run.run(dir.resolve("kea.ferry"), sealing()));
        String expected = switch (moving) {
            case POSTGRES -> "postgres: 1 table(s) changed: agent (";
            case KEYCLOAK -> "keycloak: users: 0 added, 1 changed, 0 removed";
            case OPENFGA -> "openfga: the tuple set changed (";
            case OBJECTS -> "objects: 0 added, 1 changed, 0 deleted, in 1 bucket(s)";
        };
        String problem = e.problem();
        assertTrue(problem.contains(expected), problem);
        for (StoreKind still : StoreKind.values()) {
            assertEquals(still == moving, problem.contains(still.label() + ": "), still + " in: " + problem);
        }
        assertFalse(problem.contains(dataset.objects().get(round).key()), "no object key");
    }

    /**
     * With the guard on, the objects are listed while the other stores are read: an object storage error found then is
     * still the pass's error, as the objects store would have raised it, and nothing is left in --out.
     */
    @Test
    void anObjectStorageErrorFoundWhileTheOtherStoresAreReadIsItsOwnError() throws Exception {
        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES, "prefixes: [" + NAMES.bucketPrefix() + "-]",
                "prefixes: [no-such-bucket-prefix-]");
        Path out = Files.createDirectories(dir.resolve("out"));
        StoreException e = assertThrows(StoreException.class, () -> exportRun(config).run(out.resolve("kea.ferry"), sealing()));
        assertTrue(e.problem().contains("has no bucket starting with 'no-such-bucket-prefix-' (objects.buckets.prefixes)"), e.problem());
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /** A store that fails before the objects' turn stops the listing started ahead: no thread is left behind. */
    @Test
    void aStoreFailingBeforeTheObjectsStopsTheirListing() throws Exception {
        Path cfg = dir.resolve("cfg");
        Path config = ExportFixture.sourceYaml(cfg, source, NAMES);
        ExportFixture.secret(cfg, "kc.secret", "not-the-admin-password");
        StoreException e = assertThrows(StoreException.class, () -> exportRun(config).run(dir.resolve("kea.ferry"), sealing()));
        assertTrue(e.problem().contains("refused user"), e.problem());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (listingThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, listingThreads(), "the objects' listing thread ended with the pass");
    }

    private static long listingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ferry-objects-listing") && t.isAlive()).count();
    }

    private static void moveOneStore(StoreKind store, int round) {
        try {
            switch (store) {
                case POSTGRES -> {
                    try (Connection c = DriverManager.getConnection(source.postgres().jdbcUrl(), source.postgres().user(),
                            source.postgres().password()); Statement st = c.createStatement()) {
                        assertEquals(1, st.executeUpdate("UPDATE agent SET name = name || ' (alone " + round + ")' WHERE id = (SELECT max(id) FROM agent)"));
                    }
                }
                case KEYCLOAK -> {
                    try (Keycloak admin = Keycloak.getInstance(source.keycloak().url(), "master", source.keycloak().adminUser(),
                            source.keycloak().adminPassword(), "admin-cli")) {
                        var resource = admin.realm(SEED_NAMES.realm()).users().get(dataset.users().get(round).id());
                        UserRepresentation u = resource.toRepresentation();
                        u.setLastName(u.getLastName() + " alone");
                        resource.update(u);
                    }
                }
                case OPENFGA -> {
                    FgaTuple like = dataset.tuples().stream().filter(t -> t.user().startsWith("user:") && !t.user().contains("#"))
                            .findFirst().orElseThrow();
                    OpenFgaClient fga = new OpenFgaClient(new ClientConfiguration().apiUrl(source.openfga().apiUrl())
                            .storeId(seeded.openFgaStoreId()));
                    fga.write(new ClientWriteRequest().writes(List.of(new dev.openfga.sdk.api.client.model.ClientTupleKey()
                            .user("user:guard-alone-" + round).relation(like.relation())._object(like.object())))).get();
                }
                case OBJECTS -> {
                    MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint())
                            .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
                    ObjectSpec rewritten = dataset.objects().get(round);
                    byte[] body = ("rewritten while the export ran " + round).getBytes();
                    s3.putObject(PutObjectArgs.builder().bucket(rewritten.bucket().bucketName(SEED_NAMES.bucketPrefix()))
                            .object(rewritten.key()).stream(new ByteArrayInputStream(body), body.length, -1).build());
                }
            }
        } catch (Exception e) {
            throw new AssertionError("could not move the Source", e);
        }
    }
}
