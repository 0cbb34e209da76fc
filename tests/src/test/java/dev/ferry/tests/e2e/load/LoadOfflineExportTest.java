package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * A bundle carrying a real {@code kc.sh export} of the Source realm: the Target realm is created from it, ids are kept
 * and the user logs in on the Target with the password she had on the Source.
 */
@ExtendWith(StoresExtension.class)
class LoadOfflineExportTest {
    private static final String PASSWORD = "Throwaway-Pass-1";

    @TempDir
    Path dir;

    @Test
    void realmCreatedFromTheOfflineExportKeepsIdsAndPasswords(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        String aliceId;
        String staffId;
        try (Keycloak admin = admin(stores.source().keycloak())) {
            RealmRepresentation r = new RealmRepresentation();
            r.setRealm(s.realm);
            r.setEnabled(true);
            admin.realms().create(r);
            RealmResource realm = admin.realm(s.realm);
            UPConfig profile = realm.users().userProfile().getConfiguration();
            profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
            realm.users().userProfile().update(profile);
            GroupRepresentation staff = new GroupRepresentation();
            staff.setName("staff");
            try (Response resp = realm.groups().add(staff)) {
                staffId = CreatedResponseUtil.getCreatedId(resp);
            }
            UserRepresentation alice = new UserRepresentation();
            alice.setUsername("alice");
            alice.setEmail("alice@example.test");
            alice.setFirstName("Alice");
            alice.setLastName("Anders");
            alice.setEnabled(true);
            alice.setAttributes(Map.of("department", List.of("engineering")));
            CredentialRepresentation pw = new CredentialRepresentation();
            pw.setType(CredentialRepresentation.PASSWORD);
            pw.setValue(PASSWORD);
            pw.setTemporary(false);
            alice.setCredentials(List.of(pw));
            try (Response resp = realm.users().create(alice)) {
                aliceId = CreatedResponseUtil.getCreatedId(resp);
            }
            realm.users().get(aliceId).joinGroup(staffId);
        }
        Path export = stores.keycloakOfflineExport(Role.SOURCE, s.realm, dir.resolve("export").resolve("realm.json"));
        byte[] offline = Files.readAllBytes(export);

        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        SampleBundle.seal(stores, s, new SampleBundle.Size(5, 0, 0), keys, bundle, keycloakPart(offline));
        TargetFixture t = new TargetFixture(stores, s, keys, bundle, dir);

        LoadRun run = t.load("--stores", "keycloak");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("realm created"), run.out());
        assertFalse(run.out().contains("without a carried password hash"), run.out());

        try (TargetProbe probe = new TargetProbe(t)) {
            UserRepresentation alice = probe.realm().users().get(aliceId).toRepresentation();
            assertEquals("alice", alice.getUsername());
            assertEquals(List.of("engineering"), alice.getAttributes().get("department"));
            assertEquals(List.of(staffId), probe.realm().users().get(aliceId).groups().stream().map(GroupRepresentation::getId).toList());
            assertFalse(alice.getRequiredActions().contains("UPDATE_PASSWORD"));
        }
        // The Source password works on the Target: the hash came along.
        KeycloakEndpoint target = stores.target().keycloak();
        try (Keycloak asAlice = Keycloak.getInstance(target.url(), s.realm, "alice", PASSWORD, "admin-cli")) {
            assertFalse(asAlice.tokenManager().getAccessTokenString().isEmpty());
        }
    }

    /** realm.json and users.jsonl as the exporter derives them from the offline export, plus the export itself. */
    private static SampleBundle.KeycloakPart keycloakPart(byte[] offline) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(offline);
        Map<String, String> groupIdByPath = new HashMap<>();
        collectGroups(realm.path("groups"), groupIdByPath);
        List<ObjectNode> users = new ArrayList<>();
        for (JsonNode u : realm.path("users")) {
            ObjectNode api = ((ObjectNode) u).deepCopy();
            boolean password = false;
            for (JsonNode c : u.path("credentials")) {
                password |= "password".equals(c.path("type").asText());
            }
            api.remove("credentials");
            ArrayNode ids = api.putArray("ferryGroupIds");
            u.path("groups").forEach(g -> ids.add(groupIdByPath.get(g.asText())));
            api.put("ferryPasswordCarried", password);
            api.put("ferryNeedsWebAuthnReenrolment", false);
            users.add(api);
        }
        ObjectNode realmOnly = realm.deepCopy();
        realmOnly.remove("users");
        return new SampleBundle.KeycloakPart(realmOnly, users, offline);
    }

    private static void collectGroups(JsonNode groups, Map<String, String> out) {
        for (JsonNode g : groups) {
            out.put(g.path("path").asText(), g.path("id").asText());
            collectGroups(g.path("subGroups"), out);
        }
    }

    private static Keycloak admin(KeycloakEndpoint e) {
        return Keycloak.getInstance(e.url(), "master", e.adminUser(), e.adminPassword(), "admin-cli");
    }
}
