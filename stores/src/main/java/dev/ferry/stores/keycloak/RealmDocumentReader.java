package dev.ferry.stores.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.MappingsRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Reads a realm through the Admin API into the documents the bundle holds: the realm document as realm.json has it
 * (partial-export with the groups walked, client secrets read in clear, the user profile) and every user as a
 * users.jsonl line. validate reads the Target with it, so both sides of its comparison have one form: it reads as the
 * exporter's {@code KeycloakRealmReader} does, field for field, through the same typed representations (which leave
 * out what the 26.0 admin client does not know, on both sides alike). Beyond the bundle's form it gives what only
 * validate needs: the service-account users partial-export lists, each user's credential metadata (ids and dates,
 * never a secret), and the realm's key ids.
 */
public final class RealmDocumentReader {
    private static final int PAGE = 100;
    /** Nulls left out, as Keycloak writes representations, and as the exporter writes realm.json. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeycloakClient client;
    private final RealmResource realm;
    private final List<ObjectNode> serviceAccounts = new ArrayList<>();

    public RealmDocumentReader(KeycloakClient client) {
        this.client = client;
        this.realm = client.realm();
    }

    /** The realm document without users; the service-account users it listed are kept for {@link #serviceAccounts()}. */
    public ObjectNode readRealm() {
        ObjectNode doc;
        try {
            doc = MAPPER.valueToTree(client.retried(() -> realm.partialExport(true, true)));
        } catch (ForbiddenException e) {
            doc = MAPPER.valueToTree(client.retried(realm::toRepresentation));
            ObjectNode roles = doc.putObject("roles");
            roles.set("realm", MAPPER.valueToTree(client.retried(() -> realm.roles().list(false))));
            doc.set("clients", MAPPER.valueToTree(client.retried(() -> realm.clients().findAll())));
        }
        serviceAccounts.clear();
        doc.path("users").forEach(u -> {
            if (u.hasNonNull("serviceAccountClientId")) {
                serviceAccounts.add((ObjectNode) u);
            }
        });
        doc.remove("users");
        doc.set("groups", MAPPER.valueToTree(groups()));
        // partial-export masks client secrets; the client-secret endpoint gives them in clear.
        for (JsonNode clientDoc : doc.withArray("clients")) {
            ObjectNode c = (ObjectNode) clientDoc;
            c.remove("secret");
            if (!c.path("publicClient").asBoolean(false) && !c.path("bearerOnly").asBoolean(false) && c.hasNonNull("id")) {
                try {
                    CredentialRepresentation secret = client.retried(() -> realm.clients().get(c.get("id").asText()).getSecret());
                    if (secret != null && secret.getValue() != null) {
                        c.put("secret", secret.getValue());
                    }
                } catch (ClientErrorException e) {
                    // Clients authenticating by signed JWT or certificate have no secret to read.
                }
            }
        }
        doc.set("ferryUserProfile", MAPPER.valueToTree(client.retried(() -> realm.users().userProfile().getConfiguration())));
        return doc;
    }

    /** The service-account users the last {@link #readRealm} found (GET /users lists none of them). */
    public List<ObjectNode> serviceAccounts() {
        return List.copyOf(serviceAccounts);
    }

    /** Every group, subgroups filled in by walking /children (which GET /groups leaves empty). */
    public List<GroupRepresentation> groups() {
        List<GroupRepresentation> top = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            int from = first;
            List<GroupRepresentation> page = client.retried(() -> realm.groups().groups(null, from, PAGE, false));
            top.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        top.forEach(this::fillChildren);
        return top;
    }

    private void fillChildren(GroupRepresentation group) {
        List<GroupRepresentation> children = new ArrayList<>();
        if (group.getSubGroupCount() == null || group.getSubGroupCount() > 0) {
            for (int first = 0;; first += PAGE) {
                int from = first;
                List<GroupRepresentation> page = client.retried(() -> realm.groups().group(group.getId()).getSubGroups(from, PAGE, false));
                children.addAll(page);
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        children.forEach(this::fillChildren);
        group.setSubGroups(children);
    }

    /**
     * Calls {@code each} with every user, as a users.jsonl object, plus {@code ferryCredentials}: each credential's
     * type, id and creation date (what proves a hash came along; the Admin API never gives the secret).
     */
    public void forEachUser(Consumer<ObjectNode> each) {
        for (int first = 0;; first += PAGE) {
            int from = first;
            List<UserRepresentation> page = client.retried(() -> realm.users().list(from, PAGE));
            for (UserRepresentation u : page) {
                each.accept(user(u));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
    }

    /** The realm's {@code GET /admin/realms/R/keys} answer (key ids, algorithms, certificates; never a private key). */
    public JsonNode keys() {
        JsonNode keys = client.get(client.realmPath() + "/keys");
        return keys == null ? MAPPER.createObjectNode() : keys;
    }

    private ObjectNode user(UserRepresentation u) {
        UserResource r = realm.users().get(u.getId());
        ObjectNode o = MAPPER.createObjectNode();
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
        o.set("attributes", MAPPER.valueToTree(u.getAttributes() == null ? Map.of() : u.getAttributes()));
        o.set("requiredActions", MAPPER.valueToTree(u.getRequiredActions() == null ? List.of() : u.getRequiredActions()));
        o.set("federatedIdentities", MAPPER.valueToTree(client.retried(r::getFederatedIdentity)));
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
        ArrayNode paths = o.putArray("groups");
        ArrayNode ids = o.putArray("ferryGroupIds");
        for (int first = 0;; first += PAGE) {
            int from = first;
            List<GroupRepresentation> page = client.retried(() -> r.groups(from, PAGE, false));
            for (GroupRepresentation g : page) {
                paths.add(g.getPath());
                ids.add(g.getId());
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        ArrayNode types = o.putArray("ferryCredentialTypes");
        ArrayNode credentials = o.putArray("ferryCredentials");
        for (CredentialRepresentation c : client.retried(r::credentials)) {
            types.add(c.getType());
            ObjectNode meta = credentials.addObject().put("type", c.getType()).put("id", c.getId());
            if (c.getCreatedDate() != null) {
                meta.put("createdDate", c.getCreatedDate());
            }
        }
        return o;
    }
}
