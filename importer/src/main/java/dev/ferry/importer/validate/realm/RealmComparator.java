package dev.ferry.importer.validate.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.validate.Differences;
import dev.ferry.importer.validate.Outcome;
import dev.ferry.importer.validate.realm.JsonDiff.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the realm the bundle carries with the realm the Target holds, section by section ({@link RealmSection}),
 * as pure functions of the two {@link RealmView}s. Items are matched by what Keycloak keeps: names, clientIds, aliases,
 * group paths; ids are compared only where the load keeps them (groups and users always, roles and clients when the
 * realm was created from the bundle, service accounts always: the load must keep them).
 *
 * <p>Never printed: a secret (compared by SHA-256), a user's name, e-mail or attribute values (users are named by id,
 * as in the rest of the report). Secrets the Target's Admin API masks (SMTP, identity providers, user federation) cannot
 * be compared and are said to be so.
 */
public final class RealmComparator {
    /** Fields Keycloak renews or derives by design, left out everywhere. */
    static final Set<String> RENEWED = Set.of("id", "_id", "containerId", "internalId", "parentId", "access",
            "createdTimestamp", "userProfileMetadata", "subGroupCount", "subGroups", "client.secret.creation.time",
            "keycloakVersion", "notBefore");
    /** Top-level realm fields that are not settings (each has a section of its own). */
    private static final Set<String> NOT_SETTINGS = Set.of("realm", "roles", "clients", "groups", "users", "clientScopes",
            "scopeMappings", "clientScopeMappings", "identityProviders", "identityProviderMappers", "components",
            "federatedUsers", "defaultRole");
    private static final Set<String> PERSONAL = Set.of("username", "email", "firstName", "lastName", "attributes",
            "federatedIdentities");
    private static final Set<String> USER_FIELDS = Set.of("username", "enabled", "emailVerified", "email", "firstName",
            "lastName", "attributes", "realmRoles", "clientRoles", "groups", "requiredActions", "credentialTypes",
            "federatedIdentities", RealmView.PASSWORD_CREDENTIAL);

    private final RealmView bundle;
    private final RealmView target;
    private final Expectations expect;

    private RealmComparator(RealmView bundle, RealmView target, Expectations expect) {
        this.bundle = bundle;
        this.target = target;
        this.expect = expect;
    }

    /** Every section, in report order. */
    public static List<SectionOutcome> compare(RealmView bundle, RealmView target, Expectations expect) {
        RealmComparator c = new RealmComparator(bundle, target, expect);
        List<SectionOutcome> out = new ArrayList<>();
        out.add(new SectionOutcome(RealmSection.SETTINGS, c.settings()));
        out.add(new SectionOutcome(RealmSection.ROLES, c.roles()));
        out.add(new SectionOutcome(RealmSection.CLIENTS, c.clients()));
        out.add(new SectionOutcome(RealmSection.CLIENT_SCOPES, c.named("client scope", bundle.clientScopes, target.clientScopes, Values.SHOWN)));
        out.add(new SectionOutcome(RealmSection.SCOPE_MAPPINGS, c.scopeMappings()));
        out.add(new SectionOutcome(RealmSection.AUTHORIZATION, c.authorization()));
        out.add(new SectionOutcome(RealmSection.GROUPS, c.groups()));
        out.add(new SectionOutcome(RealmSection.USERS, c.users()));
        out.add(new SectionOutcome(RealmSection.SERVICE_ACCOUNTS, c.serviceAccounts()));
        out.add(new SectionOutcome(RealmSection.IDENTITY_PROVIDERS, c.identityProviders()));
        out.add(new SectionOutcome(RealmSection.KEYS, c.keys()));
        return out;
    }

    Outcome settings() {
        Differences d = new Differences();
        JsonDiff.diff("realm settings", settingsOf(bundle), settingsOf(target), Values.SHOWN, d::add);
        Map<String, JsonNode> targetComponents = target.components;
        for (Map.Entry<String, JsonNode> c : bundle.components.entrySet()) {
            JsonNode t = targetComponents.get(c.getKey());
            if (t == null) {
                d.add("component " + c.getKey() + " is missing on the Target");
            } else {
                JsonDiff.diff("component " + c.getKey(), JsonDiff.normalize(c.getValue(), RENEWED), JsonDiff.normalize(t, RENEWED),
                        Values.SHOWN, d::add);
            }
        }
        extras("component", bundle.components.keySet(), targetComponents.keySet(), d);
        secrets(d, "the SMTP server");
        String notReadable = notReadable("the SMTP server");
        return Outcome.of("the bundle's settings" + notReadable, d.isEmpty() ? "equal" : d.total() + " difference(s)", d);
    }

    private static JsonNode settingsOf(RealmView v) {
        ObjectNode s = JsonDiff.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> e : v.realm.properties()) {
            if (!NOT_SETTINGS.contains(e.getKey())) {
                s.set(e.getKey(), e.getValue());
            }
        }
        if (v.realm.has("ferryUserProfile")) {
            s.set("userProfile", v.realm.get("ferryUserProfile"));
        }
        s.put("defaultRole", v.realm.path("defaultRole").path("name").asText());
        return JsonDiff.normalize(s, RENEWED);
    }

    Outcome roles() {
        Differences d = new Differences();
        int n = compareItems("realm role", bundle.realmRoles, target.realmRoles, Values.SHOWN, expect.roleAndClientIdsKept(), d);
        n += compareItems("client role", bundle.clientRoles, target.clientRoles, Values.SHOWN, expect.roleAndClientIdsKept(), d);
        return Outcome.of(bundle.realmRoles.size() + " realm roles, " + bundle.clientRoles.size() + " client roles",
                n + " present", d);
    }

    Outcome clients() {
        Differences d = new Differences();
        Map<String, JsonNode> b = without(bundle.clients, "authorizationSettings");
        Map<String, JsonNode> t = without(target.clients, "authorizationSettings");
        int n = compareItems("client", b, t, Values.SHOWN, expect.roleAndClientIdsKept(), d);
        for (String clientId : bundle.clients.keySet()) {
            if (target.clients.containsKey(clientId)) {
                secrets(d, "client '" + clientId + "'");
            }
        }
        return Outcome.of(bundle.clients.size() + " clients (secrets by SHA-256)", n + " present", d);
    }

    Outcome scopeMappings() {
        Differences d = new Differences();
        for (String m : JsonDiff.missing(bundle.scopeMappings, target.scopeMappings)) {
            d.add("scope mapping " + m + " is missing on the Target");
        }
        if (expect.realmCreatedByLoad()) {
            for (String m : JsonDiff.missing(target.scopeMappings, bundle.scopeMappings)) {
                d.add("scope mapping " + m + " is on the Target only");
            }
        }
        Set<String> present = new TreeSet<>(bundle.scopeMappings);
        present.retainAll(target.scopeMappings);
        return Outcome.of(bundle.scopeMappings.size() + " scope mappings", present.size() + " present", d);
    }

    Outcome authorization() {
        Differences d = new Differences();
        int clients = 0;
        for (Map.Entry<String, JsonNode> c : bundle.clients.entrySet()) {
            JsonNode settings = c.getValue().path("authorizationSettings");
            JsonNode other = target.clients.get(c.getKey());
            if (settings.isMissingNode() || other == null) {
                continue; // a missing client is the clients section's difference
            }
            clients++;
            String subject = "client '" + c.getKey() + "' authorization";
            if (!other.has("authorizationSettings")) {
                d.add(subject + " is missing on the Target");
                continue;
            }
            JsonDiff.diff(subject, authorizationOf(settings), authorizationOf(other.get("authorizationSettings")), Values.SHOWN, d::add);
        }
        return Outcome.of(clients + " clients with authorization services", d.isEmpty() ? "equal" : d.total() + " difference(s)", d);
    }

    /**
     * Policy configs hold lists as JSON text ("[\"document\"]"): parsed, so their order does not matter. They are
     * normalized without dropping "id", which there names a role ("kea-backend/editor"), not an internal id.
     */
    private static JsonNode authorizationOf(JsonNode settings) {
        ObjectNode s = settings.deepCopy();
        Map<String, JsonNode> configs = new TreeMap<>();
        for (JsonNode p : s.path("policies")) {
            if (p.has("config")) {
                configs.put(p.path("name").asText(), JsonDiff.normalize(JsonDiff.parseJsonStrings(p.get("config")), Set.of()));
                ((ObjectNode) p).remove("config");
            }
        }
        ObjectNode normalized = (ObjectNode) JsonDiff.normalize(s, RENEWED);
        JsonNode policies = normalized.path("policies");
        configs.forEach((name, config) -> {
            if (policies.path(name) instanceof ObjectNode policy) {
                policy.set("config", config);
            }
        });
        return normalized;
    }

    Outcome groups() {
        Differences d = new Differences();
        int present = 0;
        for (Map.Entry<String, JsonNode> g : bundle.groups.entrySet()) {
            JsonNode t = target.groups.get(g.getKey());
            String subject = "group " + g.getKey();
            if (t == null) {
                d.add(subject + " is missing on the Target");
                continue;
            }
            present++;
            ids(subject, g.getValue(), t, d);
            JsonDiff.diff(subject, JsonDiff.normalize(g.getValue(), RENEWED), JsonDiff.normalize(t, RENEWED), Values.SHOWN, d::add);
        }
        extras("group", bundle.groups.keySet(), target.groups.keySet(), d);
        return Outcome.of(bundle.groups.size() + " groups", present + " present", d);
    }

    Outcome users() {
        Differences d = new Differences();
        int present = 0;
        for (Map.Entry<String, JsonNode> u : bundle.users.entrySet()) {
            JsonNode t = target.users.get(u.getKey());
            String subject = "user " + u.getKey();
            if (t == null) {
                d.add(subject + " is missing on the Target");
                continue;
            }
            present++;
            JsonNode b = userFields(u.getValue());
            JsonNode o = userFields(t);
            for (String field : new TreeSet<>(USER_FIELDS)) {
                JsonDiff.diff(subject, one(field, b), one(field, o), PERSONAL.contains(field) ? Values.HIDDEN : Values.SHOWN, d::add);
            }
        }
        extras("user", bundle.users.keySet(), target.users.keySet(), d);
        return Outcome.of(bundle.users.size() + " users", present + " present", d);
    }

    private static JsonNode userFields(JsonNode u) {
        ObjectNode o = JsonDiff.JSON.createObjectNode();
        for (String f : USER_FIELDS) {
            if (u.has(f) && !u.get(f).isNull()) {
                o.set(f, u.get(f));
            }
        }
        // Empty and absent mean the same to Keycloak (no roles, no groups, no attributes).
        for (String f : List.of("realmRoles", "groups", "requiredActions", "credentialTypes", "federatedIdentities")) {
            if (!o.has(f)) {
                o.putArray(f);
            }
        }
        for (String f : List.of("clientRoles", "attributes")) {
            if (!o.has(f)) {
                o.putObject(f);
            }
        }
        return JsonDiff.normalize(o, RENEWED);
    }

    private static JsonNode one(String field, JsonNode fields) {
        ObjectNode o = JsonDiff.JSON.createObjectNode();
        if (fields.has(field)) {
            o.set(field, fields.get(field));
        }
        return o;
    }

    /**
     * The service accounts the bundle carries must be on the Target with the Source's ids. A client whose service
     * account the bundle lacks (written by an exporter that did not carry them) cannot be checked: the load cannot keep
     * an id it never had, so a re-load would not change it. It is said here and listed under "needs a person"
     * ({@link RealmView#serviceAccountsNotCarried}), as the keys are.
     */
    Outcome serviceAccounts() {
        Differences d = new Differences();
        int present = 0;
        List<String> notCarried = bundle.serviceAccountsNotCarried();
        for (Map.Entry<String, JsonNode> sa : bundle.serviceAccounts.entrySet()) {
            String subject = "the service account of client '" + sa.getKey() + "'";
            JsonNode t = target.serviceAccounts.get(sa.getKey());
            if (t == null) {
                d.add(subject + " is missing on the Target");
                continue;
            }
            present++;
            String want = sa.getValue().path("id").asText();
            String have = t.path("id").asText();
            if (!want.equals(have)) {
                d.add(subject + " has id " + have + " on the Target, " + want + " in the bundle (tokens name it by id)");
            }
            for (String field : List.of("enabled", "realmRoles", "clientRoles", "groups")) {
                JsonDiff.diff(subject, one(field, userFields(sa.getValue())), one(field, userFields(t)), Values.SHOWN, d::add);
            }
        }
        return Outcome.of(bundle.serviceAccounts.size() + " service accounts" + (notCarried.isEmpty() ? ""
                : "; " + notCarried.size() + " not carried, not compared (listed under 'needs a person')"), present + " present", d);
    }

    Outcome identityProviders() {
        Differences d = new Differences();
        int n = compareItems("identity provider", bundle.identityProviders, target.identityProviders, Values.SHOWN, false, d);
        n += compareItems("identity provider mapper", bundle.identityProviderMappers, target.identityProviderMappers, Values.SHOWN,
                false, d);
        for (String alias : bundle.identityProviders.keySet()) {
            secrets(d, "identity provider '" + alias + "'");
        }
        return Outcome.of(bundle.identityProviders.size() + " identity providers, " + bundle.identityProviderMappers.size()
                + " mappers" + notReadable("identity provider"), n + " present", d);
    }

    Outcome keys() {
        Differences d = new Differences();
        if (!expect.keysCarried()) {
            return Outcome.of("not carried: the Target has keys of its own (listed under 'needs a person')", "not compared", d);
        }
        for (String kid : JsonDiff.missing(bundle.kids, target.kids)) {
            d.add("key id " + kid + " of the Source is not published by the Target: tokens it signed are invalid there");
        }
        Set<String> present = new TreeSet<>(bundle.kids);
        present.retainAll(target.kids);
        return Outcome.of(bundle.kids.size() + " key ids", present.size() + " published", d);
    }

    /** A section of plainly named items compared whole. */
    Outcome named(String kind, Map<String, JsonNode> b, Map<String, JsonNode> t, Values values) {
        Differences d = new Differences();
        int n = compareItems(kind, b, t, values, false, d);
        return Outcome.of(b.size() + " " + kind + "s", n + " present", d);
    }

    /** Compares items matched by name; returns how many of the bundle's are present. */
    private int compareItems(String kind, Map<String, JsonNode> b, Map<String, JsonNode> t, Values values, boolean idsKept,
            Differences d) {
        int present = 0;
        for (Map.Entry<String, JsonNode> e : b.entrySet()) {
            String subject = kind + " '" + e.getKey() + "'";
            JsonNode other = t.get(e.getKey());
            if (other == null) {
                d.add(subject + " is missing on the Target");
                continue;
            }
            present++;
            if (idsKept) {
                ids(subject, e.getValue(), other, d);
            }
            JsonDiff.diff(subject, JsonDiff.normalize(e.getValue(), RENEWED), JsonDiff.normalize(other, RENEWED), values, d::add);
        }
        extras(kind, b.keySet(), t.keySet(), d);
        return present;
    }

    private static void ids(String subject, JsonNode bundleItem, JsonNode targetItem, Differences d) {
        String want = bundleItem.path("id").asText("");
        String have = targetItem.path("id").asText("");
        if (!want.isEmpty() && !want.equals(have)) {
            d.add(subject + " has id " + have + " on the Target, " + want + " in the bundle");
        }
    }

    private void extras(String kind, Set<String> inBundle, Set<String> onTarget, Differences d) {
        if (expect.realmCreatedByLoad()) {
            for (String name : JsonDiff.missing(onTarget, inBundle)) {
                d.add(kind + " '" + name + "' is on the Target only");
            }
        }
    }

    /** Compares the secrets held by {@code holder} ("client 'x'") whose value both sides hold in clear. */
    private void secrets(Differences d, String holder) {
        for (Map.Entry<String, String> s : bundle.secretDigests.entrySet()) {
            if (!s.getKey().endsWith(" of " + holder)) {
                continue;
            }
            String other = target.secretDigests.get(s.getKey());
            if (other == null && !target.maskedSecrets.contains(s.getKey())) {
                d.add(s.getKey() + " is missing on the Target");
            } else if (other != null && !other.equals(s.getValue())) {
                d.add(s.getKey() + " differs (compared by SHA-256, not shown)");
            }
        }
    }

    /** Says which of the bundle's secrets of these holders the Target masks, so they could not be compared. */
    private String notReadable(String holderPrefix) {
        long n = bundle.secretDigests.keySet().stream()
                .filter(k -> k.contains(" of " + holderPrefix) && target.maskedSecrets.contains(k)).count();
        return n == 0 ? "" : "; " + n + " secret(s) the Target's Admin API masks, not compared";
    }

    private static Map<String, JsonNode> without(Map<String, JsonNode> items, String field) {
        Map<String, JsonNode> out = new TreeMap<>();
        items.forEach((k, v) -> {
            ObjectNode c = v.deepCopy();
            c.remove(field);
            out.put(k, c);
        });
        return out;
    }
}
