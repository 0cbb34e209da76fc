package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.KeycloakRest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import dev.ferry.stores.config.KeycloakAuth;
import dev.ferry.stores.config.KeycloakConfig;
import dev.ferry.stores.config.SecretResolver;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.RealmReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * What Ferry's API-only export reads from a realm, through the production reader: realm.json (partial-export with
 * groups walked, client secrets fetched in clear, the user profile) and the users.jsonl objects.
 */
record FerryApiRead(ObjectNode realm, List<ObjectNode> users) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static FerryApiRead of(KeycloakEndpoint kc, String realm) {
        try (KeycloakClient client = KeycloakClient.connect(config(kc, realm))) {
            RealmReader reader = new RealmReader(client);
            ObjectNode doc = reader.readRealm();
            List<ObjectNode> users = new ArrayList<>();
            reader.forEachUser(users::add);
            return new FerryApiRead(doc, users);
        }
    }

    /** Ferry's Keycloak config for the harness's admin; the password reaches it as Ferry's configs pass one, by reference. */
    static KeycloakConfig config(KeycloakEndpoint kc, String realm) {
        SecretResolver secrets = new SecretResolver(Path.of("test.yaml"), "docs/source.example.yaml",
                Map.of("FERRY_TEST_KC_PASSWORD", kc.adminPassword()));
        return new KeycloakConfig(kc.url(), realm, new KeycloakAuth("master", null, null, kc.adminUser(),
                secrets.resolve("keycloak.auth.password", "${env:FERRY_TEST_KC_PASSWORD}")));
    }

    /** realm.json as the loader POSTs it (ImportPayloads.cleaned): Ferry's own fields removed, which Keycloak refuses. */
    ObjectNode realmForPost() {
        return cleaned(realm);
    }

    /** The users as the loader sends them on the API path: Ferry's fields removed, UPDATE_PASSWORD added. */
    List<ObjectNode> usersForImport() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode u : users) {
            ObjectNode c = cleaned(u);
            ArrayNode actions = c.withArray("requiredActions");
            actions.add("UPDATE_PASSWORD");
            out.add(c);
        }
        return out;
    }

    /** A copy without Ferry's bookkeeping fields, userProfileMetadata and access, as ImportPayloads sends it. */
    static ObjectNode cleaned(ObjectNode node) {
        ObjectNode c = node.deepCopy();
        for (Iterator<String> it = c.fieldNames(); it.hasNext();) {
            if (it.next().startsWith("ferry")) {
                it.remove();
            }
        }
        c.remove("userProfileMetadata");
        c.remove("access");
        return c;
    }

    /** {@code POST partial-export} with clients, groups and roles, as the Admin API answers it. */
    static JsonNode partialExport(KeycloakRest kc, String realm) {
        KeycloakRest.Answer a = kc.post("/admin/realms/" + realm + "/partial-export?exportClients=true&exportGroupsAndRoles=true",
                JSON.createObjectNode());
        if (a.status() != 200) {
            throw new IllegalStateException("partial-export of " + realm + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    /** The service-account users partial-export carries with their ids (Ferry's realm read drops them today). */
    static List<JsonNode> serviceAccounts(KeycloakRest kc, String realm) {
        List<JsonNode> out = new ArrayList<>();
        partialExport(kc, realm).path("users").forEach(u -> {
            if (u.hasNonNull("serviceAccountClientId")) {
                out.add(u);
            }
        });
        return out;
    }
}
