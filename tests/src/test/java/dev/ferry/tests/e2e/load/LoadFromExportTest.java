package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExpectedTuples;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SeededSource;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.StatObjectResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;

/**
 * The kea Source exported by ferry-export with the offline Keycloak export, loaded by ferry-import into the Target:
 * every user with its id and password, the filtered tuple set, every row, every object byte.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadFromExportTest {
    @TempDir
    Path dir;

    @Test
    void whatFerryExportCarriedLandsOnTheTarget(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.withOfflineRealm(stores, Shapes.KEA);
        SeededSource source = bundle.source();
        KeaDataset dataset = source.dataset();
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        LoadRun run = t.load();
        assertEquals(0, run.exitCode(), run.all());

        try (TargetProbe probe = new TargetProbe(t)) {
            for (KeaUser u : dataset.users()) {
                assertEquals(u.username(), probe.realm().users().get(u.id()).toRepresentation().getUsername(), "user id kept");
            }
            assertEquals(dataset.users().size(), probe.realm().users().count());

            assertEquals(ExpectedTuples.onTarget(source.tuples(), source.userIdsByUsername(), false),
                    probe.tuples(probe.fgaStores().get(0).getId()));

            // The runbook's six tables; "mcp-server" is deployment-seeded and ferry-export skips it by default.
            for (String table : KeaDataset.CARRIED_TABLES) {
                assertEquals((long) dataset.rowCounts().get(table), probe.rows(table), "rows of " + table);
                assertEquals(source.database().fingerprint(table), probe.fingerprint(table), "content of " + table);
            }
            assertEquals(0, probe.rows("mcp-server"), "mcp-server is not carried");
            for (ObjectSpec o : dataset.objects()) {
                String bucket = t.targetBucket(source.bucketOf(o));
                StatObjectResponse st = probe.stat(bucket, o.key());
                assertNotNull(st, "object in " + bucket);
                assertEquals(o.size(), st.size());
                assertEquals(ObjectContent.sha256(o), probe.sha256(bucket, o.key()));
            }
        }
        // A user without TOTP logs in on the Target with her Source password: the offline export's hash came along.
        KeaUser plain = dataset.users().stream().filter(u -> !u.hasTotp()).findFirst().orElseThrow();
        KeycloakEndpoint target = stores.target().keycloak();
        try (Keycloak asUser = Keycloak.getInstance(target.url(), t.realm, plain.username(), plain.password(), "admin-cli")) {
            assertFalse(asUser.tokenManager().getAccessTokenString().isEmpty());
        }
    }
}
