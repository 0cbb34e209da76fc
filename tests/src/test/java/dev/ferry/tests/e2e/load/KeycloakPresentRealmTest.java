package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaTeam;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Loading a bundle ferry-export wrote from the kea Source (which holds a realm role, app-user) into a Target Keycloak
 * that already holds data (docs/reference/keycloak.md §6.2-6.3):
 * <ul>
 * <li>into a present realm, the default (merge: partialImport SKIP) leaves groups, roles and clients as they are and
 * keeps a Target-only user's membership and role mapping; keycloak.mode overwrite, asked for explicitly, re-creates
 * them and so wipes that membership and mapping, as the operator guide warns;</li>
 * <li>a bundle user or group id that another realm of the same Keycloak already uses is refused before any write,
 * with the list (ids are database-wide primary keys).</li>
 * </ul>
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class KeycloakPresentRealmTest {
    private static final String ROLE = Shapes.REALM_ROLE.name();

    @TempDir
    Path dir;

    private static Keycloak admin(TargetFixture t) {
        KeycloakEndpoint kc = t.target.keycloak();
        return Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli");
    }

    /** What a Target-only user holds and what the merge must not re-create: ids of the bundle's role, client and groups. */
    private record RealmState(List<String> zoeGroups, List<String> zoeRealmRoles, String appUserRoleId, String appClientId,
            List<String> topGroupIds, long users) {
        static RealmState of(RealmResource realm, String zoeId) {
            return new RealmState(realm.users().get(zoeId).groups().stream().map(GroupRepresentation::getPath).sorted().toList(),
                    realm.users().get(zoeId).roles().realmLevel().listAll().stream().map(RoleRepresentation::getName)
                            .filter(n -> n.equals(ROLE)).toList(),
                    realm.roles().get(ROLE).toRepresentation().getId(),
                    realm.clients().findByClientId("app").get(0).getId(),
                    realm.groups().groups().stream().map(GroupRepresentation::getId).sorted().toList(),
                    realm.users().count());
        }
    }

    @Test
    void mergeKeepsTargetOnlyMembershipsAndOverwriteOnlyOnRequestWipesThem(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        KeaDataset d = bundle.source().dataset();
        KeaTeam team = d.teams().get(1);
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        LoadRun created = t.load("--stores", "keycloak");
        assertEquals(0, created.exitCode(), created.all());

        try (Keycloak kc = admin(t)) {
            RealmResource realm = kc.realm(t.realm);
            // A user only the Target has, member of a bundle group and holder of a bundle role.
            UserRepresentation zoe = new UserRepresentation();
            zoe.setUsername("zoe-target");
            zoe.setEnabled(true);
            String zoeId;
            try (Response r = realm.users().create(zoe)) {
                assertEquals(201, r.getStatus());
                zoeId = r.getLocation().getPath().replaceAll(".*/", "");
            }
            realm.users().get(zoeId).joinGroup(team.id());
            realm.users().get(zoeId).roles().realmLevel().add(List.of(realm.roles().get(ROLE).toRepresentation()));
            RealmState before = RealmState.of(realm, zoeId);
            assertEquals(List.of(team.path()), before.zoeGroups());
            assertEquals(List.of(ROLE), before.zoeRealmRoles());

            // Default mode, realm present: partialImport SKIP. A fresh state dir makes it a new load of the same bundle.
            useStateDir(t, "state-merge");
            LoadRun merge = t.load("--stores", "keycloak");
            assertEquals(0, merge.exitCode(), merge.all());
            assertTrue(merge.all().contains("partialImport SKIP") && !merge.out().contains("lose every group membership"), merge.all());
            assertEquals(before, RealmState.of(realm, zoeId), "merge re-created nothing and kept zoe's membership and role");

            // keycloak.mode: overwrite, the explicit opt-in: groups, roles and clients are re-created.
            useStateDir(t, "state-overwrite");
            Files.writeString(t.config, Files.readString(t.config).replace("keycloak:\n", "keycloak:\n  mode: overwrite\n"));
            LoadRun plan = t.load("--stores", "keycloak", "--dry-run");
            assertEquals(0, plan.exitCode(), plan.all());
            assertTrue(plan.out().contains("lose every group membership") && plan.out().contains("zoe-target"),
                    "the dry run names who overwrite would strip:\n" + plan.out());
            assertEquals(before, RealmState.of(realm, zoeId), "a dry run writes nothing");
            LoadRun overwrite = t.load("--stores", "keycloak");
            assertEquals(0, overwrite.exitCode(), overwrite.all());
            assertTrue(overwrite.all().contains("partialImport OVERWRITE") && overwrite.out().contains("zoe-target"), overwrite.all());
            RealmState after = RealmState.of(realm, zoeId);
            assertEquals(List.of(), after.zoeGroups(), "overwrite wiped the Target-only membership");
            assertEquals(List.of(), after.zoeRealmRoles(), "overwrite wiped the Target-only role mapping");
            assertNotEquals(before.appUserRoleId(), after.appUserRoleId(), "the role was re-created");
            assertNotEquals(before.appClientId(), after.appClientId(), "the client was re-created");
            assertEquals(before.topGroupIds(), after.topGroupIds(), "group ids are kept even so");
            // The bundle's own users are whole again: the read-back inside the load compared them; check them here too.
            for (KeaUser u : d.users()) {
                TreeSet<String> groups = new TreeSet<>(u.teamIds().stream().map(id -> d.teamsById().get(id).path()).toList());
                if (u.equals(Shapes.SUBGROUP.member(d))) {
                    groups.add(Shapes.SUBGROUP.path(d));
                }
                assertEquals(groups, new TreeSet<>(realm.users().get(u.id()).groups().stream().map(GroupRepresentation::getPath).toList()),
                        u.username() + "'s memberships after overwrite");
                assertEquals(Shapes.REALM_ROLE.holders(d).contains(u), realm.users().get(u.id()).roles().realmLevel().listAll().stream()
                        .anyMatch(r -> r.getName().equals(ROLE)), u.username() + "'s realm role after overwrite");
            }
        }
    }

    @Test
    void idsAlreadyUsedInAnotherRealmAreRefusedBeforeAnyWrite(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        KeaUser user = bundle.source().dataset().users().get(0);
        KeaTeam team = bundle.source().dataset().teams().get(1);
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        String other = "other-" + t.storeName;
        try (Keycloak kc = admin(t); TargetProbe probe = new TargetProbe(t)) {
            RealmRepresentation r = new RealmRepresentation();
            r.setRealm(other);
            r.setEnabled(true);
            kc.realms().create(r);
            // partialImport keeps explicit ids (docs/reference/keycloak.md §6.4): the other realm now holds a bundle user's id and a team's.
            UserRepresentation squatter = new UserRepresentation();
            squatter.setId(user.id());
            squatter.setUsername("squatter");
            squatter.setEnabled(true);
            GroupRepresentation group = new GroupRepresentation();
            group.setId(team.id());
            group.setName("elsewhere");
            group.setPath("/elsewhere");
            PartialImportRepresentation pi = new PartialImportRepresentation();
            pi.setIfResourceExists("FAIL");
            pi.setUsers(List.of(squatter));
            pi.setGroups(List.of(group));
            try (Response resp = kc.realm(other).partialImport(pi)) {
                assertEquals(200, resp.getStatus(), resp.readEntity(String.class));
            }
            try {
                Map<String, Object> before = probe.snapshot();
                LoadRun run = t.load();
                assertEquals(5, run.exitCode(), run.all());
                assertTrue(run.err().contains("user id " + user.id() + " is already used in realm '" + other + "'"), run.err());
                assertTrue(run.err().contains("group id " + team.id() + " is already used in realm '" + other + "'"), run.err());
                assertTrue(run.err().contains("nothing was written"), run.err());
                assertEquals(before, probe.snapshot(), "every Target store is unchanged");
                assertFalse(probe.realmExists(), "the Target realm was not created");
                assertFalse(Files.exists(t.stateDir) && Files.list(t.stateDir).findAny().isPresent(), "no journal: nothing was started");
            } finally {
                kc.realm(other).remove();
            }
        }
    }

    /** Points target.yaml at another state dir, so the next run is a new load of the same bundle, not a resume. */
    private static void useStateDir(TargetFixture t, String name) throws Exception {
        Files.writeString(t.config, Files.readString(t.config).replaceAll("(?m)^stateDir: .*$", "stateDir: " + t.stateDir.resolveSibling(name)));
    }
}
