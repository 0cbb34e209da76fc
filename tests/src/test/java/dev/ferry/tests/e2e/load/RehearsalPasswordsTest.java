package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.rehearsal.Rehearsal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The rehearsal exports the Source realm offline ({@code kc.sh export --users same_file}) and hands it to ferry-export
 * with --keycloak-realm-file, so the password hashes travel: after the load into the (absent) Target realm a user logs
 * in on the Target with her Source password through the password grant of the Target's token endpoint, carries no
 * UPDATE_PASSWORD required action, and the validation report lists nobody for a password reset.
 */
@ExtendWith(StoresExtension.class)
class RehearsalPasswordsTest {
    private static final long SEED = 11;

    @Test
    void usersLogInOnTheTargetWithTheirSourcePasswords(Stores stores, @TempDir Path dir) throws Exception {
        Path keep = dir.resolve("kept");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new Rehearsal(new Rehearsal.Options(keep, SEED, Profile.small()), new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .runOn(stores);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("kc.sh export"), "the rehearsal exported the realm offline:\n" + printed);
        assertFalse(Files.exists(keep.resolve("secrets")), "the offline export (hashes, client secrets) is not kept");

        String report = Files.readString(keep.resolve("report.html"));
        assertTrue(report.contains("PASS — the Target matches the bundle"));
        assertFalse(report.contains("Users who must set a new password"), "nobody needs a password reset");

        String realm = realmOf(keep.resolve("target.yaml"));
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), SEED);
        List<KeaUser> plain = dataset.users().stream().filter(u -> !u.hasTotp() && u.password() != null).limit(2).toList();
        assertFalse(plain.isEmpty(), "the small profile has users without TOTP");
        KeycloakEndpoint target = stores.target().keycloak();
        try (Keycloak admin = Keycloak.getInstance(target.url(), "master", target.adminUser(), target.adminPassword(), "admin-cli")) {
            for (KeaUser u : plain) {
                UserRepresentation onTarget = admin.realm(realm).users().get(u.id()).toRepresentation();
                assertEquals(u.username(), onTarget.getUsername(), "same id on the Target");
                assertFalse(onTarget.getRequiredActions() != null && onTarget.getRequiredActions().contains("UPDATE_PASSWORD"),
                        u.username() + " carries " + onTarget.getRequiredActions());
                // Password grant against the Target realm's token endpoint, with the password the user had on the Source.
                try (Keycloak asUser = Keycloak.getInstance(target.url(), realm, u.username(), u.password(), "admin-cli")) {
                    assertFalse(asUser.tokenManager().getAccessTokenString().isEmpty(), u.username() + " logged in");
                }
            }
        }
    }

    /** The realm the rehearsal used (unique per run on shared stores), from the kept target.yaml. */
    private static String realmOf(Path targetYaml) throws Exception {
        Matcher m = Pattern.compile("(?m)^keycloak:\\n(?:  .*\\n)*?  realm: (\\S+)").matcher(Files.readString(targetYaml));
        assertTrue(m.find(), "target.yaml names the realm");
        return m.group(1);
    }
}
