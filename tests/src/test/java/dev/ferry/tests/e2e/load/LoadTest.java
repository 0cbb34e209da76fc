package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExpectedTuples;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SeededSource;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaBucket;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.StatObjectResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientMappingsRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * ferry-import load of a bundle ferry-export wrote from the seeded kea Source, against the harness's real Target
 * stores: what lands, that it equals the Source, and that a re-run changes nothing.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadTest {
    @TempDir
    Path dir;

    @Test
    void loadsEveryStoreKeepingIdsAndAReRunChangesNothing(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        SeededSource source = bundle.source();
        KeaDataset d = source.dataset();
        TargetFixture t = new TargetFixture(stores, bundle, dir);

        LoadRun run = t.load();
        assertEquals(0, run.exitCode(), run.all());

        try (TargetProbe probe = new TargetProbe(t)) {
            // Keycloak: every user with its id, attributes, memberships (a subgroup too) and roles; the API export carries
            // no password hash, so every user must set a password; WebAuthn users are listed for re-enrolment.
            String subgroupId = source.groupId(Shapes.SUBGROUP.path(d));
            assertEquals(Shapes.SUBGROUP.path(d), probe.realm().groups().group(subgroupId).toRepresentation().getPath(),
                    "the subgroup keeps its id and its place under its team");
            Map<String, String> teamPaths = d.teams().stream().collect(Collectors.toMap(tm -> tm.id(), tm -> tm.path()));
            Set<String> roleHolders = Shapes.REALM_ROLE.holders(d).stream().map(KeaUser::id).collect(Collectors.toSet());
            for (KeaUser u : d.users()) {
                UserResource onTarget = probe.realm().users().get(u.id());
                UserRepresentation rep = onTarget.toRepresentation();
                assertEquals(u.username(), rep.getUsername(), "user id kept");
                u.attributes().forEach((k, v) -> assertEquals(v, rep.getAttributes().get(k), u.username() + " attribute " + k));
                assertTrue(rep.getRequiredActions().contains("UPDATE_PASSWORD"), u.username() + ": " + rep.getRequiredActions());
                Set<String> groups = new TreeSet<>(u.teamIds().stream().map(teamPaths::get).toList());
                if (u.equals(Shapes.SUBGROUP.member(d))) {
                    groups.add(Shapes.SUBGROUP.path(d));
                }
                assertEquals(groups, new TreeSet<>(onTarget.groups().stream().map(GroupRepresentation::getPath).toList()),
                        u.username() + "'s memberships");
                ClientMappingsRepresentation app = onTarget.roles().getAll().getClientMappings() == null ? null
                        : onTarget.roles().getAll().getClientMappings().get("app");
                assertEquals(Set.copyOf(u.appRoles()), app == null ? Set.of()
                        : app.getMappings().stream().map(RoleRepresentation::getName).collect(Collectors.toSet()), u.username() + "'s app roles");
                assertEquals(roleHolders.contains(u.id()), onTarget.roles().realmLevel().listAll().stream()
                        .anyMatch(r -> r.getName().equals(Shapes.REALM_ROLE.name())), u.username() + "'s realm role");
                if (u.webAuthn() != null) {
                    assertTrue(run.out().contains(u.username()), u.username() + " is listed for WebAuthn re-enrolment:\n" + run.out());
                }
            }
            assertTrue(d.users().stream().anyMatch(u -> u.webAuthn() != null), "the shape has a WebAuthn user");
            assertEquals(d.users().size(), probe.realm().users().count());

            // OpenFGA: one new store with both models (a grant needs the newer), the filtered tuple set, username-form
            // subjects without a UUID twin reported.
            assertEquals(1, probe.fgaStores().size());
            assertTrue(run.out().contains("models = 2"), run.out());
            String storeId = probe.fgaStores().get(0).getId();
            assertTrue(run.out().contains(storeId), "the store id the app config needs is printed:\n" + run.out());
            List<FgaTuple> sourceTuples = source.tuples();
            List<String> tuples = probe.tuples(storeId);
            assertEquals(ExpectedTuples.onTarget(sourceTuples, source.userIdsByUsername(), false), tuples);
            FgaTuple newer = Shapes.NEWER_MODEL.grant(d);
            assertTrue(tuples.contains(newer.object() + "#" + newer.relation() + "@" + newer.user()), "the newer model's grant landed");
            assertTrue(run.out().contains("POSSIBLE LOSS"), run.out());
            FgaTuple grant = Shapes.USERNAME_GRANT.tuple(d);
            assertTrue(run.out().contains(grant.object() + "#" + grant.relation() + "@" + grant.user()),
                    "the username-only grant is reported as a possible loss:\n" + run.out());
            for (FgaTuple tu : sourceTuples) {
                if (ExpectedTuples.usernameForm(tu) && !source.userIdsByUsername().containsKey(tu.user().substring(5))) {
                    assertTrue(run.out().contains(tu.user()), tu.user() + " (no Keycloak user) is reported:\n" + run.out());
                }
            }

            // PostgreSQL: every carried table, row for row identical to the Source's.
            for (String table : KeaDataset.CARRIED_TABLES) {
                assertEquals(source.database().rows(table), probe.rows(table), "rows of " + table);
                assertEquals(source.database().fingerprint(table), probe.fingerprint(table), "content of " + table);
            }

            // Objects: same key, content, type and metadata; bucket names mapped, the Source's names not created.
            for (ObjectSpec o : d.objects()) {
                String bucket = t.targetBucket(source.bucketOf(o));
                StatObjectResponse st = probe.stat(bucket, o.key());
                assertNotNull(st, "object in " + bucket);
                assertEquals(o.size(), st.size());
                assertEquals(o.contentType(), st.contentType());
                o.userMetadata().forEach((k, v) -> assertEquals(v, st.userMetadata().get(k), "user metadata " + k));
                assertEquals(ObjectContent.sha256(o), probe.sha256(bucket, o.key()));
            }
            for (KeaBucket b : KeaBucket.values()) {
                assertFalse(probe.bucketExists(source.bucket(b)), "the Source bucket name " + source.bucket(b) + " is mapped, not created");
            }

            Map<String, Object> before = probe.snapshot();
            LoadRun again = t.load();
            assertEquals(0, again.exitCode(), again.all());
            assertTrue(again.out().contains("already loaded") && again.out().contains("nothing was changed"), again.out());
            assertEquals(before, probe.snapshot());
            assertEquals(tuples, probe.tuples(storeId));
        }
    }

    @Test
    void dryRunChecksTheTargetAndWritesNothing(Stores stores, ExportedBundles bundles) throws Exception {
        TargetFixture t = new TargetFixture(stores, bundles.of(stores, Shapes.KEA), dir);
        LoadRun run = t.load("--dry-run");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("DRY RUN") && run.out().contains("create the realm"), run.out());
        try (TargetProbe probe = new TargetProbe(t)) {
            assertFalse(probe.realmExists());
            assertEquals(0, probe.fgaStores().size());
            for (String table : KeaDataset.CARRIED_TABLES) {
                assertEquals(0, probe.rows(table), table);
            }
            for (String bucket : t.targetBuckets()) {
                assertFalse(probe.bucketExists(bucket), bucket);
            }
        }
        assertFalse(Files.exists(t.stateDir) && Files.list(t.stateDir).findAny().isPresent(), "a dry run writes no journal");
    }

    @Test
    void usernameFormTuplesAreMappedThroughTheKeycloakTableWhenAsked(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        SeededSource source = bundle.source();
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        Files.writeString(t.config, Files.readString(t.config).replace("  storeName: ", "  usernameTuples: map\n  storeName: "));
        LoadRun run = t.load("--stores", "keycloak,openfga");
        assertEquals(0, run.exitCode(), run.all());
        List<FgaTuple> sourceTuples = source.tuples();
        try (TargetProbe probe = new TargetProbe(t)) {
            List<String> tuples = probe.tuples(probe.fgaStores().get(0).getId());
            assertEquals(ExpectedTuples.onTarget(sourceTuples, source.userIdsByUsername(), true), tuples);
            FgaTuple grant = Shapes.USERNAME_GRANT.tuple(source.dataset());
            assertTrue(tuples.contains(grant.object() + "#" + grant.relation() + "@user:" + Shapes.USERNAME_GRANT.user(source.dataset()).id()),
                    "the username-only grant lands under the user's id");
            assertEquals(0, probe.rows("agent"), "postgres was not selected");
        }
        for (FgaTuple tu : sourceTuples) {
            if (ExpectedTuples.usernameForm(tu) && !source.userIdsByUsername().containsKey(tu.user().substring(5))) {
                assertTrue(run.out().contains(tu.user()), "the unmappable " + tu.user() + " is still reported:\n" + run.out());
            }
        }
    }
}
