package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ferry.exporter.cli.ExportCli;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.rehearsal.SourceYaml;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.StatObjectResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;

/**
 * The generator's small kea dataset, seeded into the Source, exported by ferry-export (with the offline Keycloak
 * export), loaded by ferry-import into the Target: every user with its id and password, the filtered tuple set, every
 * row, every object byte.
 */
@ExtendWith(StoresExtension.class)
class LoadFromExportTest {
    private static final SeedNames NAMES = new SeedNames("loade2e", "load-e2e", "loade2e");

    @TempDir
    Path dir;

    @Test
    void whatFerryExportCarriedLandsOnTheTarget(Stores stores) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 5_005L);
        StoreSet s = stores.source();
        StoreSet source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "load_e2e_src"), s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, NAMES);
        Path offline = stores.keycloakOfflineExport(Role.SOURCE, NAMES.realm(), dir.resolve("kc").resolve("realm.json"));

        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path out = dir.resolve("out");
        LoadRun export = TargetFixture.runInProcess("ferry-export", new ExportCli(), List.of("run", "--config", sourceYaml(source).toString(),
                "--recipient", keys.recipientPublic().toString(), "--signing-key", keys.signerSecret().toString(), "--out", out.toString(),
                "--keycloak-realm-file", offline.toString(), "--json"));
        assertEquals(0, export.exitCode(), export.all());
        Path bundle;
        try (Stream<Path> files = Files.list(out)) {
            bundle = files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
        }

        TargetFixture t = new TargetFixture(stores, NAMES.realm(), "fromexport", keys, bundle, dir);
        LoadRun run = t.load();
        assertEquals(0, run.exitCode(), run.all());

        try (TargetProbe probe = new TargetProbe(t)) {
            for (KeaUser u : dataset.users()) {
                assertEquals(u.username(), probe.realm().users().get(u.id()).toRepresentation().getUsername(), "user id kept");
            }
            assertEquals(dataset.users().size(), probe.realm().users().count());

            TreeSet<String> expected = new TreeSet<>();
            for (FgaTuple tu : dataset.tuples()) {
                if (!new TupleRecord(tu.user(), tu.relation(), tu.object(), null, null).isUsernameForm()) {
                    expected.add(tu.object() + "#" + tu.relation() + "@" + tu.user());
                }
            }
            assertEquals(List.copyOf(expected), probe.tuples(probe.fgaStores().get(0).getId()));

            // The runbook's six tables; "mcp-server" is deployment-seeded and ferry-export skips it by default.
            for (String table : SampleBundle.TABLES) {
                assertEquals((long) dataset.rowCounts().get(table), probe.rows(table), "rows of " + table);
            }
            for (ObjectSpec o : dataset.objects()) {
                String bucket = o.bucket().bucketName(NAMES.bucketPrefix());
                StatObjectResponse st = probe.stat(bucket, o.key());
                assertNotNull(st, "object in " + bucket);
                assertEquals(o.size(), st.size());
                assertEquals(ObjectContent.sha256(o), probe.sha256(bucket, o.key()));
            }
        }
        // A user without TOTP logs in on the Target with her Source password: the offline export's hash came along.
        KeaUser plain = dataset.users().stream().filter(u -> !u.hasTotp()).findFirst().orElseThrow();
        KeycloakEndpoint target = stores.target().keycloak();
        try (Keycloak asUser = Keycloak.getInstance(target.url(), NAMES.realm(), plain.username(), plain.password(), "admin-cli")) {
            assertFalse(asUser.tokenManager().getAccessTokenString().isEmpty());
        }
    }

    private Path sourceYaml(StoreSet source) throws Exception {
        Path cfg = Files.createDirectories(dir.resolve("source"));
        return SourceYaml.write(cfg.resolve("source.yaml"), cfg.resolve("secrets"), source, "load e2e", NAMES.realm(),
                NAMES.openFgaStore(), NAMES.bucketPrefix());
    }
}
