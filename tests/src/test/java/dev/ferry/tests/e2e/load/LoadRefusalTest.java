package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import jakarta.ws.rs.core.Response;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * What ferry-import load refuses, and that a refusal leaves every Target store exactly as it was: a tampered bundle,
 * the wrong decryption key or signer (exit 3), a Target holding conflicting users or rows (exit 5).
 */
@ExtendWith(StoresExtension.class)
class LoadRefusalTest {
    @TempDir
    Path dir;

    private TargetFixture prepare(Stores stores, KeaSample s) throws Exception {
        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        SampleBundle.seal(stores, s, new SampleBundle.Size(10, 0, 0), keys, bundle);
        return new TargetFixture(stores, s, keys, bundle, dir);
    }

    private static void assertUntouched(TargetProbe probe, Map<String, Object> before) throws Exception {
        assertEquals(before, probe.snapshot(), "every Target store is unchanged");
    }

    @Test
    void tamperedBundleIsRefusedAndNothingIsWritten(Stores stores) throws Exception {
        TargetFixture t = prepare(stores, new KeaSample(0, 10));
        Path part;
        try (var files = Files.list(t.bundle)) {
            part = files.filter(f -> f.getFileName().toString().endsWith(".gpg")).max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(part.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
        try (TargetProbe probe = new TargetProbe(t)) {
            Map<String, Object> before = probe.snapshot();
            LoadRun run = t.load();
            assertEquals(3, run.exitCode(), run.all());
            assertTrue(run.err().contains(part.getFileName().toString()), "the error names the damaged part:\n" + run.err());
            assertUntouched(probe, before);
        }
    }

    @Test
    void wrongDecryptionKeyAndWrongSignerAreRefused(Stores stores) throws Exception {
        TargetFixture t = prepare(stores, new KeaSample(0, 10));
        SampleBundle.Keys other = SampleBundle.Keys.generate(dir, "other");
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
    void targetRealmWithConflictingUsersIsRefusedWithTheList(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        TargetFixture t = prepare(stores, s);
        try (TargetProbe probe = new TargetProbe(t)) {
            RealmRepresentation realm = new RealmRepresentation();
            realm.setRealm(s.realm);
            realm.setEnabled(true);
            org.keycloak.admin.client.Keycloak kc = org.keycloak.admin.client.Keycloak.getInstance(t.target.keycloak().url(), "master",
                    t.target.keycloak().adminUser(), t.target.keycloak().adminPassword(), "admin-cli");
            kc.realms().create(realm);
            createUser(kc, s.realm, s.alice.username(), "someone-else-" + s.suffix + "@example.test");   // same username, other id
            createUser(kc, s.realm, "robert-" + s.suffix, s.bob.email());                                // bob's email, other username
            kc.close();
            Map<String, Object> before = probe.snapshot();

            LoadRun run = t.load();
            assertEquals(5, run.exitCode(), run.all());
            assertTrue(run.err().contains("user '" + s.alice.username() + "' has id"), run.err());
            assertTrue(run.err().contains("belongs to Target user 'robert-" + s.suffix + "'"), run.err());
            assertUntouched(probe, before);
            assertEquals(2, probe.realm().users().count(), "no user was imported");
        }
    }

    @Test
    void nonEmptyTableIsRefusedUnlessItsConflictPolicySaysSkip(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        TargetFixture t = prepare(stores, s);
        try (TargetProbe probe = new TargetProbe(t)) {
            probe.sql("INSERT INTO agent (id, name, payload_json) VALUES ('Tessa', 'Tessa', '{}')"); // seeded by the Target deployment
            Map<String, Object> before = probe.snapshot();
            LoadRun run = t.load();
            assertEquals(5, run.exitCode(), run.all());
            assertTrue(run.err().contains("agent holds 1 row(s)") && run.err().contains("postgres.conflicts"), run.err());
            assertUntouched(probe, before);

            Files.writeString(t.config, Files.readString(t.config).replace("keycloak:\n", "  conflicts:\n    agent: skip\nkeycloak:\n"));
            run = t.load();
            assertEquals(0, run.exitCode(), run.all());
            assertEquals(3 + 1, probe.rows("agent"), "the bundle's three agents were added beside the Target's own");
            assertEquals(10, probe.rows("metadata"));
        }
    }

    private static void createUser(org.keycloak.admin.client.Keycloak kc, String realm, String username, String email) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEmail(email);
        u.setEnabled(true);
        try (Response r = kc.realm(realm).users().create(u)) {
            assertEquals(201, r.getStatus());
        }
    }
}
