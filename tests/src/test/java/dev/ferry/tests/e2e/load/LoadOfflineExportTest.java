package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A bundle ferry-export wrote with a real {@code kc.sh export} of the Source realm (--keycloak-realm-file): the Target
 * realm is created from it, ids, attributes and memberships are kept, and users log in on the Target with the
 * passwords they had on the Source.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadOfflineExportTest {
    @TempDir
    Path dir;

    @Test
    void realmCreatedFromTheOfflineExportKeepsIdsAndPasswords(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.withOfflineRealm(stores, Shapes.KEA);
        KeaDataset d = bundle.source().dataset();
        String subgroupId = bundle.source().groupId(Shapes.SUBGROUP.path(d));
        TargetFixture t = new TargetFixture(stores, bundle, dir);

        LoadRun run = t.load("--stores", "keycloak");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("realm created"), run.out());
        assertFalse(run.out().contains("without a carried password hash"), run.out());

        try (TargetProbe probe = new TargetProbe(t)) {
            assertEquals(d.users().size(), probe.realm().users().count());
            for (KeaUser u : d.users()) {
                UserRepresentation onTarget = probe.realm().users().get(u.id()).toRepresentation();
                assertEquals(u.username(), onTarget.getUsername(), "user id kept");
                u.attributes().forEach((k, v) -> assertEquals(v, onTarget.getAttributes().get(k), u.username() + " attribute " + k));
                TreeSet<String> groups = new TreeSet<>(u.teamIds());
                if (u.equals(Shapes.SUBGROUP.member(d))) {
                    groups.add(subgroupId);
                }
                assertEquals(groups, new TreeSet<>(probe.realm().users().get(u.id()).groups().stream().map(GroupRepresentation::getId).toList()),
                        u.username() + "'s group ids");
                assertFalse(onTarget.getRequiredActions().contains("UPDATE_PASSWORD"), u.username() + ": " + onTarget.getRequiredActions());
            }
        }
        // The Source password works on the Target: the hash came along.
        KeycloakEndpoint target = stores.target().keycloak();
        for (KeaUser u : d.users().stream().filter(u -> !u.hasTotp()).limit(2).toList()) {
            try (Keycloak asUser = Keycloak.getInstance(target.url(), t.realm, u.username(), u.password(), "admin-cli")) {
                assertFalse(asUser.tokenManager().getAccessTokenString().isEmpty(), u.username() + " logged in");
            }
        }
    }
}
