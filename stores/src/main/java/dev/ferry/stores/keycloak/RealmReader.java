package dev.ferry.stores.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.ForbiddenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Reads a realm through the Admin API into the documents the bundle holds: the realm document as realm.json has it
 * (settings, roles, groups with their hierarchy, clients with their real secrets, the user profile, the
 * service-account users) and every user as a users.jsonl object. The export reads the Source with it and validate
 * reads the Target with it, so both sides of validate's comparison have one form, and the export's freeze guard
 * re-reads the Source with it. Every request goes through the client's retry policy.
 *
 * <p>Users are read without asking each user for its groups and roles: realm-wide inverse lookups give them
 * ({@link RealmMemberships}), and only the credentials (and the links of users an identity provider lists) are asked
 * per user, a few at a time ({@link ConcurrentReads}). A user's groups come by name then path.
 *
 * <p>Beyond the bundle's form it gives what only validate needs: each user's credential metadata
 * ({@link #forEachUserWithCredentialMetadata}) and the realm's key ids ({@link #keys}).
 */
public final class RealmReader {
    private static final int PAGE = 100;
    /** The client attribute holding the previous secret while a rotation runs. */
    private static final String ROTATED = "client.secret.rotated";
    /** The mapper for Keycloak representations: nulls left out, as Keycloak writes them and as realm.json holds them. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeycloakClient client;
    private final RealmResource realm;

    public RealmReader(KeycloakClient client) {
        this.client = client;
        this.realm = client.realm();
    }

    /**
     * The realm document as the Admin API gives it (docs/bundle-contents.md, realm.json): its {@code users} are only
     * the service-account users partial-export lists, with their ids (GET /users lists none of them). Values the API
     * masks are still masked here: the exporter leaves them out ({@code MaskedValues.leaveOut}).
     */
    public ObjectNode readRealm() {
        ObjectNode doc;
        boolean partial = true;
        try {
            doc = MAPPER.valueToTree(client.retried(() -> realm.partialExport(true, true)));
        } catch (ForbiddenException e) {
            // partial-export needs manage-realm; the view roles still give settings, roles and clients.
            partial = false;
            doc = MAPPER.valueToTree(client.retried(realm::toRepresentation));
            ObjectNode roles = doc.putObject("roles");
            roles.set("realm", MAPPER.valueToTree(client.retried(() -> realm.roles().list(false))));
            doc.set("clients", MAPPER.valueToTree(client.retried(() -> realm.clients().findAll())));
        }
        ArrayNode serviceAccounts = MAPPER.createArrayNode();
        if (partial) {
            doc.path("users").forEach(u -> {
                if (u.hasNonNull("serviceAccountClientId")) {
                    serviceAccounts.add(u);
                }
            });
        }
        doc.set("users", serviceAccounts);
        doc.set("groups", MAPPER.valueToTree(groups()));
        for (JsonNode clientDoc : doc.withArray("clients")) {
            clearSecrets((ObjectNode) clientDoc);
        }
        doc.set("ferryUserProfile", MAPPER.valueToTree(client.retried(() -> realm.users().userProfile().getConfiguration())));
        return doc;
    }

    /**
     * partial-export masks a client's secret and its {@code client.secret.rotated} attribute; {@code GET /clients/{id}}
     * gives both in clear (docs/reference/keycloak-paths.md §1), so they replace the masks. A value still masked after
     * this is left out by the exporter and listed.
     */
    private void clearSecrets(ObjectNode c) {
        if (c.path("publicClient").asBoolean(false) || c.path("bearerOnly").asBoolean(false)) {
            c.remove("secret"); // a public or bearer-only client authenticates with no secret
        }
        if (!c.hasNonNull("id")) {
            return;
        }
        if (!RealmSecrets.MASK.equals(c.path("secret").asText(null))
                && !RealmSecrets.MASK.equals(c.path("attributes").path(ROTATED).asText(null))) {
            return;
        }
        JsonNode clear = client.get(client.realmPath() + "/clients/" + KeycloakClient.q(c.get("id").asText()));
        if (clear == null) {
            return;
        }
        c.remove("secret");
        if (clear.hasNonNull("secret") && !RealmSecrets.MASK.equals(clear.get("secret").asText())) {
            c.put("secret", clear.get("secret").asText());
        }
        JsonNode rotated = clear.path("attributes").path(ROTATED);
        if (c.path("attributes") instanceof ObjectNode attributes && attributes.has(ROTATED) && rotated.isTextual()) {
            attributes.put(ROTATED, rotated.asText());
        }
    }

    /** Every group, top-level groups with their subgroups filled in by walking /children (which GET /groups leaves empty). */
    public List<GroupRepresentation> groups() {
        List<GroupRepresentation> top = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
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
            for (int first = 0; ; first += PAGE) {
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

    /** The groups as a JSON array, for {@link #countGroups}. */
    public static JsonNode groupsJson(List<GroupRepresentation> groups) {
        return MAPPER.valueToTree(groups);
    }

    /** Counts groups at every depth of a realm document's "groups" array. */
    public static long countGroups(JsonNode groups) {
        long n = 0;
        for (JsonNode g : groups) {
            n += 1 + countGroups(g.path("subGroups"));
        }
        return n;
    }

    /** Realm roles plus every client's roles, from a realm document. */
    public static long countRoles(JsonNode realmDoc) {
        JsonNode roles = realmDoc.path("roles");
        long n = roles.path("realm").size();
        for (JsonNode clientRoles : roles.path("client")) {
            n += clientRoles.size();
        }
        return n;
    }

    /** Calls {@code each} with every user, read in pages of 100, as a users.jsonl object (without ferryPasswordCarried). */
    public void forEachUser(Consumer<ObjectNode> each) {
        forEachUser(false, each);
    }

    /**
     * As {@link #forEachUser}, each user with {@code ferryCredentials} added: each credential's type, id and creation
     * date (what proves a hash came along; the Admin API never gives the secret). validate compares them.
     */
    public void forEachUserWithCredentialMetadata(Consumer<ObjectNode> each) {
        forEachUser(true, each);
    }

    /**
     * Realm-wide lookups first ({@link RealmMemberships}: groups, role mappings, identity-provider links, a few dozen
     * requests whatever the number of users), then the users page by page; what has no realm-wide lookup (each user's
     * credentials, and the links of the users an identity provider lists) is asked a few users at a time
     * ({@link ConcurrentReads}). The users come out in the order GET /users lists them.
     */
    private void forEachUser(boolean credentialMetadata, Consumer<ObjectNode> each) {
        try (ConcurrentReads reads = new ConcurrentReads(ConcurrentReads.IN_FLIGHT)) {
            RealmMemberships held = RealmMemberships.read(client, reads);
            for (int first = 0; ; first += PAGE) {
                int from = first;
                List<UserRepresentation> page = client.retried(() -> realm.users().list(from, PAGE));
                List<PerUser> own = reads.map(page, u -> perUser(u.getId(), held));
                for (int i = 0; i < page.size(); i++) {
                    if (own.get(i) != null) {
                        each.accept(user(page.get(i), held, own.get(i), credentialMetadata));
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
    }

    /** What only the user itself can tell: its credentials and, when it has any, its identity-provider links. */
    private record PerUser(List<CredentialRepresentation> credentials, List<FederatedIdentityRepresentation> links) {
    }

    /** Null when the user was deleted since GET /users listed it: it is no longer in the realm, so it is not read. */
    private PerUser perUser(String id, RealmMemberships held) {
        String base = client.realmPath() + "/users/" + KeycloakClient.q(id);
        JsonNode credentials = client.get(base + "/credentials");
        if (credentials == null) {
            return null;
        }
        JsonNode links = held.hasFederatedIdentity(id) ? client.get(base + "/federated-identity") : null;
        return new PerUser(List.of(MAPPER.convertValue(credentials, CredentialRepresentation[].class)),
                links == null ? List.of() : List.of(MAPPER.convertValue(links, FederatedIdentityRepresentation[].class)));
    }

    /** The number of users, as the server counts them. */
    public long userCount() {
        return client.retried(() -> realm.users().count());
    }

    /** The realm's {@code GET /admin/realms/R/keys} answer (key ids, algorithms, certificates; never a private key). */
    public JsonNode keys() {
        JsonNode keys = client.get(client.realmPath() + "/keys");
        return keys == null ? MAPPER.createObjectNode() : keys;
    }

    private ObjectNode user(UserRepresentation u, RealmMemberships held, PerUser own, boolean credentialMetadata) {
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
        o.set("federatedIdentities", MAPPER.valueToTree(own.links()));
        ArrayNode realmRoles = o.putArray("realmRoles");
        held.realmRolesOf(u.getId()).forEach(realmRoles::add);
        ObjectNode clientRoles = o.putObject("clientRoles");
        held.clientRolesOf(u.getId()).forEach((clientId, names) -> {
            ArrayNode array = clientRoles.putArray(clientId);
            names.forEach(array::add);
        });
        ArrayNode paths = o.putArray("groups");
        ArrayNode ids = o.putArray("ferryGroupIds");
        for (RealmMemberships.Group g : held.groupsOf(u.getId())) {
            paths.add(g.path());
            ids.add(g.id());
        }
        ArrayNode types = o.putArray("ferryCredentialTypes");
        ArrayNode credentials = credentialMetadata ? o.putArray("ferryCredentials") : null;
        boolean webauthn = false;
        for (CredentialRepresentation c : own.credentials()) {
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
