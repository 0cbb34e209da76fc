package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import io.minio.StatObjectResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** ferry-import load against the harness's real Target stores: what lands, and that a re-run changes nothing. */
@ExtendWith(StoresExtension.class)
class LoadTest {
    @TempDir
    Path dir;

    private TargetFixture prepare(Stores stores, KeaSample sample, SampleBundle.Size size) throws Exception {
        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        sealed = SampleBundle.seal(stores, sample, size, keys, bundle);
        return new TargetFixture(stores, sample, keys, bundle, dir);
    }

    private SampleBundle.Sealed sealed;

    @Test
    void loadsEveryStoreKeepingIdsAndAReRunChangesNothing(Stores stores) throws Exception {
        KeaSample s = new KeaSample(5, 150);
        TargetFixture t = prepare(stores, s, SampleBundle.Size.small());

        LoadRun run = t.load();
        assertEquals(0, run.exitCode(), run.all());

        try (TargetProbe probe = new TargetProbe(t)) {
            // Keycloak: ids kept, memberships, attributes, roles; users without a carried hash must set a password.
            UserRepresentation alice = probe.realm().users().get(s.alice.id()).toRepresentation();
            assertEquals(s.alice.username(), alice.getUsername());
            assertEquals(List.of("engineering"), alice.getAttributes().get("department"));
            assertEquals(List.of("E-001"), alice.getAttributes().get("employeeNo"));
            assertEquals(List.of(s.teamASub), probe.realm().users().get(s.alice.id()).groups().stream().map(GroupRepresentation::getId).toList());
            assertTrue(alice.getRequiredActions().contains("UPDATE_PASSWORD"), alice.getRequiredActions().toString());
            assertEquals(Set.of("admin"), Set.copyOf(probe.realm().users().get(s.alice.id()).roles().getAll().getClientMappings()
                    .get("app").getMappings().stream().map(r -> r.getName()).toList()));
            assertEquals("/team-a/sub", probe.realm().groups().group(s.teamASub).toRepresentation().getPath());
            assertEquals(s.users.size(), probe.realm().users().count());
            assertTrue(run.out().contains(s.carol.username()), "carol is listed for WebAuthn re-enrolment:\n" + run.out());

            // OpenFGA: one new store, the filtered tuple set, username-form subjects reported.
            assertEquals(1, probe.fgaStores().size());
            String storeId = probe.fgaStores().get(0).getId();
            assertTrue(run.out().contains(storeId), "the store id the app config needs is printed:\n" + run.out());
            List<String> tuples = probe.tuples(storeId);
            assertEquals(expectedTuples(s, false), tuples);
            assertTrue(run.out().contains("dave-" + s.suffix) && run.out().contains("POSSIBLE LOSS"), run.out());

            // PostgreSQL: every row, content identical to the Source's.
            for (Map.Entry<String, Long> e : sealed.rows().entrySet()) {
                assertEquals(e.getValue(), probe.rows(e.getKey()), "rows of " + e.getKey());
            }
            assertEquals(sealed.fingerprints().get("metadata"), probe.fingerprint("metadata",
                    "document_uid, source_tag, date_added_to_kb, tag_ids, doc, created_at, updated_at", "document_uid"));

            // Objects: same key, content, type and metadata; bucket names mapped.
            for (SampleBundle.SampleObject o : sealed.objects()) {
                String bucket = t.targetBucket(o.bucket());
                StatObjectResponse st = probe.stat(bucket, o.key());
                assertNotNull(st, "object in " + bucket);
                assertEquals(o.size(), st.size());
                assertEquals(o.contentType(), st.contentType());
                o.userMetadata().forEach((k, v) -> assertEquals(v, st.userMetadata().get(k), "user metadata " + k));
                assertEquals(o.sha256(), probe.sha256(bucket, o.key()));
            }
            assertFalse(probe.bucketExists(s.documentsBucket), "the Source bucket name is mapped, not created");

            Map<String, Object> before = probe.snapshot();
            LoadRun again = t.load();
            assertEquals(0, again.exitCode(), again.all());
            assertTrue(again.out().contains("already loaded") && again.out().contains("nothing was changed"), again.out());
            assertEquals(before, probe.snapshot());
            assertEquals(tuples, probe.tuples(storeId));
        }
    }

    @Test
    void dryRunChecksTheTargetAndWritesNothing(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        TargetFixture t = prepare(stores, s, new SampleBundle.Size(5, 0, 0));
        LoadRun run = t.load("--dry-run");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("DRY RUN") && run.out().contains("create the realm"), run.out());
        try (TargetProbe probe = new TargetProbe(t)) {
            assertFalse(probe.realmExists());
            assertEquals(0, probe.fgaStores().size());
            for (String table : SampleBundle.TABLES) {
                assertEquals(0, probe.rows(table), table);
            }
            assertFalse(probe.bucketExists(t.documentsBucket));
        }
        assertFalse(Files.exists(t.stateDir) && Files.list(t.stateDir).findAny().isPresent(), "a dry run writes no journal");
    }

    @Test
    void usernameFormTuplesAreMappedThroughTheKeycloakTableWhenAsked(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        TargetFixture t = prepare(stores, s, new SampleBundle.Size(5, 0, 0));
        Files.writeString(t.config, Files.readString(t.config).replace("  storeName: ", "  usernameTuples: map\n  storeName: "));
        LoadRun run = t.load("--stores", "keycloak,openfga");
        assertEquals(0, run.exitCode(), run.all());
        try (TargetProbe probe = new TargetProbe(t)) {
            assertEquals(expectedTuples(s, true), probe.tuples(probe.fgaStores().get(0).getId()));
            assertEquals(0, probe.rows("agent"), "postgres was not selected");
        }
        assertTrue(run.out().contains("dave-" + s.suffix), "the unmappable one is still reported:\n" + run.out());
    }

    static List<String> expectedTuples(KeaSample s, boolean mapped) {
        List<String> expected = new ArrayList<>();
        for (String[] tu : s.tuples()) {
            String user = tu[0];
            boolean usernameForm = user.startsWith("user:") && !user.equals("user:*") && !user.matches("user:[0-9a-f-]{36}");
            if (usernameForm) {
                if (!mapped) {
                    continue;
                }
                String name = user.substring(5);
                String id = s.users.stream().filter(u -> u.username().equals(name)).map(KeaSample.User::id).findFirst().orElse(null);
                if (id == null) {
                    continue;
                }
                user = "user:" + id;
            }
            expected.add(tu[2] + "#" + tu[1] + "@" + user);
        }
        return new ArrayList<>(new TreeSet<>(expected));
    }
}
