package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.RealmReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.MappingsRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The users.jsonl objects as Ferry read them before the realm-wide lookups: every user asked for its
 * federated-identity, role-mappings, groups and credentials, one request after the other (RealmReader at main
 * 0e4fdff, kept here only as the test's oracle). One change: a user's groups are sorted by name then path, the order
 * the reader now defines; Keycloak itself sorts them by name only, so groups of one name came in no stated order.
 */
final class PerUserOracle {
    private static final int PAGE = 100;

    private final KeycloakClient client;
    private final RealmResource realm;

    PerUserOracle(KeycloakClient client) {
        this.client = client;
        this.realm = client.realm();
    }

    List<ObjectNode> users(boolean credentialMetadata) {
        List<ObjectNode> out = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            int from = first;
            List<UserRepresentation> page = client.retried(() -> realm.users().list(from, PAGE));
            for (UserRepresentation u : page) {
                out.add(user(u, credentialMetadata));
            }
            if (page.size() < PAGE) {
                return out;
            }
        }
    }

    private ObjectNode user(UserRepresentation u, boolean credentialMetadata) {
        UserResource r = realm.users().get(u.getId());
        ObjectNode o = RealmReader.MAPPER.createObjectNode();
        o.put("id", u.getId());
        o.put("username", u.getUsername());
        o.put("email", u.getEmail());
        o.put("firstName", u.getFirstName());
        o.put("lastName", u.getLastName());
        o.put("enabled", Boolean.TRUE.equals(u.isEnabled()));
        o.put("emailVerified", Boolean.TRUE.equals(u.isEmailVerified()));
        if (u.getCreatedTimestamp() != null) {
            o.put("createdTimestamp", u.getCreatedTimestamp());
        }
        o.set("attributes", RealmReader.MAPPER.valueToTree(u.getAttributes() == null ? Map.of() : u.getAttributes()));
        o.set("requiredActions", RealmReader.MAPPER.valueToTree(u.getRequiredActions() == null ? List.of() : u.getRequiredActions()));
        o.set("federatedIdentities", RealmReader.MAPPER.valueToTree(client.retried(r::getFederatedIdentity)));
        MappingsRepresentation mappings = client.retried(() -> r.roles().getAll());
        ArrayNode realmRoles = o.putArray("realmRoles");
        if (mappings.getRealmMappings() != null) {
            mappings.getRealmMappings().stream().map(RoleRepresentation::getName).sorted().forEach(realmRoles::add);
        }
        ObjectNode clientRoles = o.putObject("clientRoles");
        if (mappings.getClientMappings() != null) {
            new TreeMap<>(mappings.getClientMappings()).forEach((clientId, m) -> {
                ArrayNode names = clientRoles.putArray(m.getClient() != null ? m.getClient() : clientId);
                m.getMappings().stream().map(RoleRepresentation::getName).sorted().forEach(names::add);
            });
        }
        List<GroupRepresentation> groups = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            int from = first;
            List<GroupRepresentation> page = client.retried(() -> r.groups(from, PAGE, false));
            groups.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        groups.sort(Comparator.comparing(GroupRepresentation::getName).thenComparing(GroupRepresentation::getPath));
        ArrayNode paths = o.putArray("groups");
        ArrayNode ids = o.putArray("ferryGroupIds");
        for (GroupRepresentation g : groups) {
            paths.add(g.getPath());
            ids.add(g.getId());
        }
        ArrayNode types = o.putArray("ferryCredentialTypes");
        ArrayNode credentials = credentialMetadata ? o.putArray("ferryCredentials") : null;
        boolean webauthn = false;
        for (CredentialRepresentation c : client.retried(r::credentials)) {
            types.add(c.getType());
            webauthn |= c.getType() != null && c.getType().startsWith("webauthn");
            if (credentials != null) {
                ObjectNode meta = credentials.addObject().put("type", c.getType()).put("id", c.getId());
                if (c.getCreatedDate() != null) {
                    meta.put("createdDate", c.getCreatedDate());
                }
            }
        }
        o.put("ferryNeedsWebAuthnReenrolment", webauthn);
        return o;
    }
}
