package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The harness's Keycloak servers answer the production admin client, and the offline export carries what the
 * Admin API cannot: password hashes. Each test works in a realm of its own (user and group ids are unique
 * across a whole Keycloak database, so tests let Keycloak choose them).
 */
@ExtendWith(StoresExtension.class)
class KeycloakHarnessTest {
    private static final String PASSWORD = "Throwaway-Pass-1";

    @Test
    void sourceAndTargetAreDifferentServersThatAnswerTheAdminClient(Stores stores) {
        KeycloakEndpoint source = stores.source().keycloak();
        KeycloakEndpoint target = stores.target().keycloak();
        assertNotEquals(source.url(), target.url());
        for (KeycloakEndpoint endpoint : List.of(source, target)) {
            try (Keycloak admin = admin(endpoint)) {
                assertEquals(HarnessOptions.KEYCLOAK_VERSION,
                        admin.serverInfo().getInfo().getSystemInfo().getVersion());
            }
        }
    }

    @Test
    void realmUserAndGroupAreWrittenAndReadBack(Stores stores) {
        KeycloakEndpoint endpoint = stores.target().keycloak();
        String realmName = uniqueRealm();
        try (Keycloak admin = admin(endpoint)) {
            RealmResource realm = seedRealm(admin, realmName);
            UserRepresentation alice = realm.users().searchByUsername("alice", true).get(0);
            assertEquals("alice@example.test", alice.getEmail());
            assertEquals(List.of("/staff"), realm.users().get(alice.getId()).groups().stream()
                    .map(GroupRepresentation::getPath).toList());
            assertEquals(List.of("password"), realm.users().get(alice.getId()).credentials().stream()
                    .map(CredentialRepresentation::getType).toList());
            assertEquals(1, realm.groups().groups().size());
        }
        // The password works: a password grant in the new realm succeeds.
        try (Keycloak asAlice = Keycloak.getInstance(endpoint.url(), realmName, "alice", PASSWORD, "admin-cli")) {
            assertFalse(asAlice.tokenManager().getAccessTokenString().isEmpty());
        }
    }

    @Test
    void offlineExportCarriesUsersWithPasswordHashesWhileTheServerRuns(Stores stores, @TempDir Path dir)
            throws IOException {
        KeycloakEndpoint endpoint = stores.source().keycloak();
        String realmName = uniqueRealm();
        String aliceId;
        try (Keycloak admin = admin(endpoint)) {
            aliceId = seedRealm(admin, realmName).users().searchByUsername("alice", true).get(0).getId();
        }

        Path file = stores.keycloakOfflineExport(Role.SOURCE, realmName, dir.resolve("export").resolve("realm.json"));

        JsonNode export = new ObjectMapper().readTree(file.toFile());
        assertEquals(realmName, export.path("realm").asText());
        JsonNode alice = null;
        for (JsonNode user : export.path("users")) {
            if (user.path("username").asText().equals("alice")) {
                alice = user;
            }
        }
        assertTrue(alice != null, "alice is in the export");
        assertEquals(aliceId, alice.path("id").asText());
        assertEquals("/staff", alice.path("groups").path(0).asText());
        JsonNode credential = alice.path("credentials").path(0);
        assertEquals("password", credential.path("type").asText());
        JsonNode secret = new ObjectMapper().readTree(credential.path("secretData").asText());
        assertFalse(secret.path("value").asText().isEmpty(), "the hash is exported");
        assertFalse(secret.path("salt").asText().isEmpty(), "the salt is exported");
        assertTrue(credential.path("credentialData").asText().contains("argon2"));
        assertEquals("/staff", export.path("groups").path(0).path("path").asText());

        try (Keycloak admin = admin(endpoint)) {
            assertEquals(1, admin.realm(realmName).users().count(), "the server still answers after the export");
        }
    }

    static Keycloak admin(KeycloakEndpoint endpoint) {
        return Keycloak.getInstance(endpoint.url(), "master", endpoint.adminUser(), endpoint.adminPassword(),
                "admin-cli");
    }

    static String uniqueRealm() {
        return "harness-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A realm with group /staff and user alice (password, attribute) in it. */
    private static RealmResource seedRealm(Keycloak admin, String realmName) {
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(realmName);
        realm.setEnabled(true);
        admin.realms().create(realm);
        RealmResource resource = admin.realm(realmName);

        GroupRepresentation staff = new GroupRepresentation();
        staff.setName("staff");
        String staffId;
        try (Response created = resource.groups().add(staff)) {
            staffId = CreatedResponseUtil.getCreatedId(created);
        }

        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        UserRepresentation alice = new UserRepresentation();
        alice.setUsername("alice");
        alice.setEmail("alice@example.test");
        alice.setFirstName("Alice");
        alice.setLastName("Anders");
        alice.setEmailVerified(true);
        alice.setEnabled(true);
        alice.setAttributes(Map.of("department", List.of("engineering")));
        alice.setCredentials(List.of(password));
        String aliceId;
        try (Response created = resource.users().create(alice)) {
            aliceId = CreatedResponseUtil.getCreatedId(created);
        }
        resource.users().get(aliceId).joinGroup(staffId);
        return resource;
    }
}
