package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the bundle's Keycloak documents into what the Target's API accepts: users with their hashes when the offline
 * export carries them, else with the UPDATE_PASSWORD required action; Ferry's own bookkeeping fields removed.
 */
final class ImportPayloads {
    static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";

    private final KeycloakBundle bundle;
    private final List<String> mustSetPassword = new ArrayList<>();
    private final List<String> webAuthn = new ArrayList<>();
    private final List<ObjectNode> users = new ArrayList<>();

    ImportPayloads(KeycloakBundle bundle) {
        this.bundle = bundle;
        Map<String, ObjectNode> offline = bundle.offlineUsersById();
        Map<String, ObjectNode> seen = new LinkedHashMap<>();
        for (ObjectNode api : bundle.users()) {
            String id = api.path("id").asText();
            ObjectNode off = offline.remove(id);
            ObjectNode user = cleaned(off != null ? off : api);
            if (!hasPasswordHash(user)) {
                requireAction(user, UPDATE_PASSWORD);
                mustSetPassword.add(api.path("username").asText());
            }
            if (api.path("ferryNeedsWebAuthnReenrolment").asBoolean(false)) {
                webAuthn.add(api.path("username").asText());
            }
            seen.put(id, user);
        }
        // Users only the offline export lists (service accounts) come along as they are: they never log in with a password.
        offline.values().forEach(u -> seen.put(u.path("id").asText(), cleaned(u)));
        // realm.json's service-account users (partial-export's, with their ids) where the offline export has not given them.
        bundle.serviceAccounts().forEach(u -> seen.putIfAbsent(u.path("id").asText(), cleaned(u)));
        users.addAll(seen.values());
    }

    List<ObjectNode> users() {
        return users;
    }

    List<String> mustSetPassword() {
        return mustSetPassword;
    }

    List<String> webAuthnReenrolment() {
        return webAuthn;
    }

    /**
     * The realm document for POST /admin/realms, with every user in it: the offline export, or realm.json. One request,
     * so that what names a user (a user policy) resolves, and every id is kept, service accounts' included
     * (docs/reference/keycloak-paths.md §2). 500 users make a body of about 2 MB; Keycloak takes the realm as one
     * document, so this is as far as the users can stream.
     */
    ObjectNode realmForCreate(String realmName) {
        ObjectNode realm = bundle.offline() != null ? bundle.offline().deepCopy() : cleaned(bundle.realm());
        realm.put("realm", realmName);
        ArrayNode u = realm.putArray("users");
        users.forEach(u::add);
        return realm;
    }

    /**
     * The realm document the load sends: the offline export when the bundle has one, else realm.json. Used by the
     * pre-write checks, which must look at what is sent.
     */
    JsonNode sentRealm() {
        return bundle.offline() != null ? bundle.offline() : bundle.realm();
    }

    /**
     * What partialImport takes before the users, from the realm the load sends: groups, roles, clients, identity
     * providers and their mappers (Keycloak imports them in that order, users last).
     */
    ObjectNode structure(String policy) {
        ObjectNode body = bundle.realm().objectNode();
        body.put("ifResourceExists", policy);
        for (String f : STRUCTURE) {
            copy(sentRealm(), body, f);
        }
        return body;
    }

    /** The parts of a realm partialImport carries, users aside. */
    static final List<String> STRUCTURE = List.of("groups", "roles", "clients", "identityProviders", "identityProviderMappers");

    ObjectNode usersBatch(String policy, List<ObjectNode> batch) {
        ObjectNode body = bundle.realm().objectNode();
        body.put("ifResourceExists", policy);
        ArrayNode u = body.putArray("users");
        batch.forEach(u::add);
        return body;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }

    private static ObjectNode cleaned(ObjectNode node) {
        ObjectNode c = node.deepCopy();
        for (Iterator<String> it = c.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (f.startsWith("ferry")) {
                it.remove();
            }
        }
        c.remove("userProfileMetadata");
        c.remove("access");
        return c;
    }

    private static boolean hasPasswordHash(ObjectNode user) {
        for (JsonNode c : user.path("credentials")) {
            if ("password".equals(c.path("type").asText()) && c.hasNonNull("secretData")) {
                return true;
            }
        }
        return user.hasNonNull("serviceAccountClientId");
    }

    private static void requireAction(ObjectNode user, String action) {
        ArrayNode actions = user.has("requiredActions") && user.get("requiredActions").isArray()
                ? (ArrayNode) user.get("requiredActions") : user.putArray("requiredActions");
        for (JsonNode a : actions) {
            if (action.equals(a.asText())) {
                return;
            }
        }
        actions.add(action);
    }
}
