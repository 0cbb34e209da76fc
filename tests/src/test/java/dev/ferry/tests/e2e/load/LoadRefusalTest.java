package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import jakarta.ws.rs.core.Response;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * What ferry-import load refuses, and that a refusal leaves every Target store exactly as it was: a really exported
 * bundle with one byte changed or cut short, the wrong decryption key or signer (exit 3), a Target holding conflicting
 * users or rows (exit 5).
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class LoadRefusalTest {
    /** An agent only the Target has: its deployment seeded it, and the Source never had it. */
    private static final String TARGET_ONLY_AGENT = "Ulysse";

    @TempDir
    Path dir;

    private static void assertUntouched(TargetProbe probe, Map<String, Object> before) throws Exception {
        assertEquals(before, probe.snapshot(), "every Target store is unchanged");
    }

    @Test
    void tamperedBundleIsRefusedAndNothingIsWritten(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle exported = bundles.of(stores, Shapes.KEA);
        Path copy = exported.copyTo(dir.resolve("tampered"));
        Path part = copy.resolve(exported.parts().get(0).getFileName());
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        TargetFixture t = new TargetFixture(stores, exported, copy, dir);
        try (TargetProbe probe = new TargetProbe(t)) {
            Map<String, Object> before = probe.snapshot();
            LoadRun run = t.load();
            assertEquals(3, run.exitCode(), run.all());
            assertTrue(run.err().contains(part.getFileName().toString()), "the error names the damaged part:\n" + run.err());
            assertUntouched(probe, before);
        }
    }

    @Test
    void truncatedBundleIsRefusedAndNothingIsWritten(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle exported = bundles.of(stores, Shapes.KEA);
        Path copy = exported.copyTo(dir.resolve("truncated"));
        Path part = copy.resolve(exported.parts().get(0).getFileName());
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            f.setLength(f.length() / 2); // a copy that stopped halfway
        }
        TargetFixture t = new TargetFixture(stores, exported, copy, dir);
        try (TargetProbe probe = new TargetProbe(t)) {
            Map<String, Object> before = probe.snapshot();
            LoadRun run = t.load();
            assertEquals(3, run.exitCode(), run.all());
            assertTrue(run.err().contains(part.getFileName().toString()), "the error names the cut part:\n" + run.err());
            assertUntouched(probe, before);
        }
    }

    @Test
    void wrongDecryptionKeyAndWrongSignerAreRefused(Stores stores, ExportedBundles bundles) throws Exception {
        TargetFixture t = new TargetFixture(stores, bundles.of(stores, Shapes.KEA), dir);
        TestKeys other = TestKeys.generate(dir, "other");
        try (TargetProbe probe = new TargetProbe(t)) {
            Map<String, Object> before = probe.snapshot();
            List<String> wrongKey = t.loadArgs();
            wrongKey.set(wrongKey.indexOf("--decryption-key") + 1, other.recipientSecret().toString());
            LoadRun run = TargetFixture.runInProcess(wrongKey);
            assertEquals(3, run.exitCode(), run.all());
            assertUntouched(probe, before);

            List<String> wrongSigner = t.loadArgs();
            wrongSigner.set(wrongSigner.indexOf("--signer") + 1, other.signerPublic().toString());
            run = TargetFixture.runInProcess(wrongSigner);
            assertEquals(3, run.exitCode(), run.all());
            assertUntouched(probe, before);
        }
    }

    @Test
    void targetRealmWithConflictingUsersIsRefusedWithTheList(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle exported = bundles.of(stores, Shapes.KEA);
        KeaDataset d = exported.source().dataset();
        KeaUser first = d.users().get(0);
        KeaUser second = d.users().get(1);
        TargetFixture t = new TargetFixture(stores, exported, dir);
        try (TargetProbe probe = new TargetProbe(t)) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(t.realm);
            realm.setEnabled(true);
            try (Keycloak kc = Keycloak.getInstance(t.target.keycloak().url(), "master", t.target.keycloak().adminUser(),
                    t.target.keycloak().adminPassword(), "admin-cli")) {
                kc.realms().create(realm);
                createUser(kc, t.realm, first.username(), "someone-else@example.test");   // same username, other id
                createUser(kc, t.realm, "robert-target", second.email());                 // the second user's email, other username
            }
            Map<String, Object> before = probe.snapshot();

            LoadRun run = t.load();
            assertEquals(5, run.exitCode(), run.all());
            assertTrue(run.err().contains("user '" + first.username() + "' has id"), run.err());
            assertTrue(run.err().contains("belongs to Target user 'robert-target'"), run.err());
            assertUntouched(probe, before);
            assertEquals(2, probe.realm().users().count(), "no user was imported");
        }
    }

    @Test
    void nonEmptyTableIsRefusedUnlessItsConflictPolicySaysSkip(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle exported = bundles.of(stores, Shapes.KEA);
        TargetFixture t = new TargetFixture(stores, exported, dir);
        try (TargetProbe probe = new TargetProbe(t)) {
            // seeded by the Target deployment, unknown to the Source
            probe.sql("INSERT INTO agent (id, name, payload_json) VALUES ('" + TARGET_ONLY_AGENT + "', '" + TARGET_ONLY_AGENT + "', '{}')");
            Map<String, Object> before = probe.snapshot();
            LoadRun run = t.load();
            assertEquals(5, run.exitCode(), run.all());
            assertTrue(run.err().contains("agent holds 1 row(s)") && run.err().contains("postgres.conflicts"), run.err());
            assertUntouched(probe, before);

            Files.writeString(t.config, Files.readString(t.config).replace("keycloak:\n", "  conflicts:\n    agent: skip\nkeycloak:\n"));
            run = t.load();
            assertEquals(0, run.exitCode(), run.all());
            assertEquals(exported.source().database().rows("agent") + 1, probe.rows("agent"),
                    "the bundle's agents were added beside the Target's own");
            assertEquals(exported.source().database().rows("metadata"), probe.rows("metadata"));
        }
    }

    private static void createUser(Keycloak kc, String realm, String username, String email) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEmail(email);
        u.setEnabled(true);
        try (Response r = kc.realm(realm).users().create(u)) {
            assertEquals(201, r.getStatus());
        }
    }
}
