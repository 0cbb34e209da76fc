package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The Target guide's promise for the pre-write checks: every selected store is checked, and every refusal is reported
 * in one run ("exit 5 with the full list"), before anything is written anywhere. Here three stores refuse at once:
 * Keycloak (a username under another id), OpenFGA (the store name exists already) and PostgreSQL (a non-empty table).
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadRefusalListTest {
    @TempDir
    Path dir;

    @Test
    void everyRefusingStoreIsNamedInOneRunAndNothingIsWritten(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle exported = bundles.of(stores, Shapes.KEA);
        KeaUser alice = exported.source().dataset().users().get(0);
        TargetFixture t = new TargetFixture(stores, exported, dir);
        try (TargetProbe probe = new TargetProbe(t)) {
            try (Keycloak kc = Keycloak.getInstance(t.target.keycloak().url(), "master", t.target.keycloak().adminUser(),
                    t.target.keycloak().adminPassword(), "admin-cli")) {
                RealmRepresentation realm = new RealmRepresentation();
                realm.setRealm(t.realm);
                realm.setEnabled(true);
                kc.realms().create(realm);
                UserRepresentation u = new UserRepresentation();
                u.setUsername(alice.username());
                u.setEnabled(true);
                try (Response r = kc.realm(t.realm).users().create(u)) {
                    assertEquals(201, r.getStatus());
                }
            }
            // A store of that name holding a tuple: an empty one (kea's own, made at start-up) would be adopted.
            String fgaStore = FgaHttp.createKeaStore(t.target.openfga().apiUrl(), t.storeName);
            FgaHttp.writeOneTuple(t.target.openfga().apiUrl(), fgaStore);
            probe.sql("INSERT INTO agent (id, name, payload_json) VALUES ('Ulysse', 'Ulysse', '{}')");
            Map<String, Object> before = probe.snapshot();

            for (LoadRun run : new LoadRun[] {t.load("--dry-run"), t.load()}) {
                assertEquals(5, run.exitCode(), run.all());
                assertTrue(run.err().contains("3 Target stores refuse the load, and nothing was written"), run.err());
                assertTrue(run.err().contains("(keycloak) the Target Keycloak would refuse the bundle's realm")
                        && run.err().contains("user '" + alice.username() + "' has id"), run.err());
                assertTrue(run.err().contains("(openfga) the Target OpenFGA already has 1 store(s) named '" + t.storeName + "'"), run.err());
                assertTrue(run.err().contains("(postgres) the Target database already holds data: agent holds 1 row(s)"), run.err());
                assertEquals(before, probe.snapshot(), "every Target store is unchanged");
            }
            assertEquals(1, probe.realm().users().count(), "no user was imported");
        }
    }
}
