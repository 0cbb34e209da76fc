package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.MismatchException;
import dev.ferry.common.Sizes;
import dev.ferry.common.StoreException;
import dev.ferry.importer.config.KeycloakMode;
import dev.ferry.importer.config.KeycloakTarget;
import dev.ferry.importer.journal.Journal;
import dev.ferry.cli.Progress;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.importer.load.StoreOutcome.Notice;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the realm, following what a real Keycloak 26.4 does (docs/reference/keycloak.md §6,
 * docs/reference/keycloak-paths.md):
 * <ul>
 * <li>realm absent: one {@code POST /admin/realms} with the full representation and every user in it, service accounts
 * included, which keeps every id and lets user policies resolve (and, from an offline export, keeps the keys, the
 * password hashes and TOTP secrets);</li>
 * <li>realm present: align the user profile, then partialImport with SKIP (idempotent): groups, roles, clients and
 * identity providers first, then the users in batches, the service-account users with them, so each client finds its
 * own again; OVERWRITE only when asked, because it wipes Target-only memberships and role mappings.</li>
 * </ul>
 * Before anything is written, the dry run and the load alike run the same {@link ConflictFinder} and refuse the same
 * way.
 * Afterwards every user and group is read back and compared with the bundle.
 */
public final class KeycloakLoader implements StoreLoader {
    private static final String STEP = StoreKind.KEYCLOAK.label();
    private static final int USERS_PER_REQUEST = 100;
    /** Items of one kind named in a refusal; a realm held whole by another realm would otherwise list every id. */
    private static final int SHOWN_PER_GROUP = 10;

    private final KeycloakTarget target;
    private final KeycloakMode mode;

    public KeycloakLoader(KeycloakTarget target, boolean overwriteRequested) {
        this.target = target;
        this.mode = overwriteRequested ? KeycloakMode.OVERWRITE : target.mode();
    }

    @Override
    public StoreKind store() {
        return StoreKind.KEYCLOAK;
    }

    @Override
    public StoreOutcome check(VerifiedBundle bundle, Journal journal) {
        KeycloakBundle kc = KeycloakBundle.read(bundle);
        try (KeycloakClient admin = KeycloakClient.open(target.connection())) {
            Plan plan = plan(admin, kc);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put(CountNames.USERS, (long) plan.payloads.users().size());
            counts.put(CountNames.GROUPS, (long) kc.groupPathsById().size());
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("realm", target.realm());
            outputs.put("action", plan.realmExists ? "merge into the existing realm (partialImport " + policy() + ")"
                    : "create the realm with its users in one request (POST /admin/realms" + (kc.offline() != null
                            ? ", from the offline export: ids, keys and password hashes kept)" : ": ids kept; no password hashes, new realm keys)"));
            if (plan.profileChange != null) {
                outputs.put("userProfile", describe(plan.profileChange));
            }
            return new StoreOutcome(store(), StoreOutcome.Status.PLANNED, counts, outputs, notices(plan, kc));
        }
    }

    @Override
    public StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress) {
        KeycloakBundle kc = KeycloakBundle.read(bundle);
        try (KeycloakClient admin = KeycloakClient.open(target.connection())) {
            Plan plan = plan(admin, kc);
            journal.started(STEP, Map.of("realm", target.realm(), "mode", mode.name()));
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("realm", target.realm());
            boolean offline = kc.offline() != null;
            boolean created = false;
            if (!plan.realmExists) {
                ObjectNode doc = plan.payloads.realmForCreate(target.realm());
                progress.info(store().label(), "creating realm " + target.realm() + " with its " + plan.payloads.users().size()
                        + " users in one request of " + Sizes.human(doc.toString().length()) + (offline
                        ? " from the offline export (ids, keys, hashes and TOTP kept)"
                        : " from the API export (ids kept; no password hashes, new realm keys)"));
                created = create(admin, doc);
                if (!created) {
                    // A load killed while Keycloak was creating the realm: the server finished that request afterwards.
                    progress.info(store().label(), "realm " + target.realm() + " appeared meanwhile (an interrupted load's request completed on the"
                            + " server): merging into it instead");
                    plan = plan(admin, kc);
                }
            }
            if (created) {
                // The users came in the same request (ids kept, user policies resolved): nothing is left to import.
                counts.put("users:added", (long) plan.payloads.users().size());
                outputs.put("action", "realm created, users included");
                if (!offline) {
                    putSourceProfile(admin, kc);
                }
            } else {
                progress.info(store().label(), "realm " + target.realm() + " exists: merging with partialImport " + policy());
                outputs.put("action", "merged into the existing realm (" + policy() + ")");
                UserProfileAlignment.Change change = UserProfileAlignment.plan(admin.get(admin.realmPath() + "/users/profile"),
                        kc.realm().get("ferryUserProfile"), UserProfileAlignment.carriedAttributes(plan.payloads.users()));
                if (change != null) {
                    admin.put(admin.realmPath() + "/users/profile", change.newProfile());
                    outputs.put("userProfile", describe(change));
                }
                counts.putAll(partialImport(admin, plan, progress));
            }
            List<String> diffs = new ReadBack(admin).differences(kc);
            if (!diffs.isEmpty()) {
                throw new MismatchException("after the load, Keycloak realm " + target.realm() + " differs from the bundle in "
                        + diffs.size() + " place(s): " + String.join("; ", diffs.subList(0, Math.min(20, diffs.size()))),
                        "read the Keycloak server log; fix the cause (often the user profile) and re-run with --resume");
            }
            counts.put(CountNames.USERS, (long) kc.users().size());
            counts.put(CountNames.GROUPS, (long) kc.groupPathsById().size());
            Map<String, String> details = new LinkedHashMap<>();
            counts.forEach((k, v) -> details.put(k, Long.toString(v)));
            journal.done(STEP, details);
            return new StoreOutcome(store(), StoreOutcome.Status.LOADED, counts, outputs, notices(plan, kc));
        }
    }

    private String policy() {
        return mode == KeycloakMode.OVERWRITE ? "OVERWRITE" : "SKIP";
    }

    /** @param overwriteVictims Target-only users whose memberships and role mappings OVERWRITE wipes (empty under SKIP) */
    private record Plan(boolean realmExists, ImportPayloads payloads, UserProfileAlignment.Change profileChange,
            List<String> overwriteVictims) {
    }

    private Plan plan(KeycloakClient admin, KeycloakBundle kc) {
        boolean exists = admin.get(admin.realmPath()) != null;
        TargetRealmDirectory dir = exists ? TargetRealmDirectory.read(admin) : null;
        ImportPayloads payloads = new ImportPayloads(kc);
        List<ConflictFinder.Conflict> conflicts = new ConflictFinder(admin).find(kc, payloads, target.realm(), dir,
                mode == KeycloakMode.OVERWRITE);
        if (!conflicts.isEmpty()) {
            throw refusal(conflicts);
        }
        UserProfileAlignment.Change change = exists ? UserProfileAlignment.plan(admin.get(admin.realmPath() + "/users/profile"),
                kc.realm().get("ferryUserProfile"), UserProfileAlignment.carriedAttributes(payloads.users())) : null;
        List<String> victims = new ArrayList<>();
        if (exists && mode == KeycloakMode.OVERWRITE) {
            java.util.Set<String> carried = new java.util.HashSet<>();
            kc.users().forEach(u -> carried.add(u.path("id").asText()));
            dir.idByUsername.forEach((username, id) -> {
                if (!carried.contains(id)) {
                    victims.add(username);
                }
            });
            victims.sort(null);
        }
        return new Plan(exists, payloads, change, victims);
    }

    /**
     * The one refusal for everything the finder found, the same from the dry run and the load: each item named, grouped
     * by kind, and each kind's fix.
     */
    static MismatchException refusal(List<ConflictFinder.Conflict> conflicts) {
        Map<ConflictFinder.Kind, List<String>> byKind = new LinkedHashMap<>();
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (ConflictFinder.Conflict c : conflicts) {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c.item());
            byGroup.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c.item());
        }
        List<String> shown = new ArrayList<>();
        byGroup.forEach((group, items) -> {
            shown.addAll(items.subList(0, Math.min(items.size(), SHOWN_PER_GROUP)));
            if (items.size() > SHOWN_PER_GROUP) {
                shown.add("… and " + (items.size() - SHOWN_PER_GROUP) + " more of the kind '" + group + "'");
            }
        });
        String problem = "the Target Keycloak would refuse the bundle's realm, so nothing was written (" + conflicts.size()
                + " reason(s)): " + String.join("; ", shown);
        String fix = byKind.keySet().stream().map(k -> Character.toUpperCase(k.fix.charAt(0)) + k.fix.substring(1)).collect(java.util.stream.Collectors.joining(". "))
                + ". Then run the same command again.";
        return new MismatchException(problem, fix);
    }

    /** Creates the realm; false when it exists by now (created meanwhile by an interrupted load's request). */
    private boolean create(KeycloakClient admin, ObjectNode realm) {
        KeycloakClient.Answer a = admin.post("/admin/realms", realm);
        if (a.status() == 409 && admin.get(admin.realmPath()) != null) {
            return false;
        }
        if (a.status() == 409) {
            throw new MismatchException("Keycloak refused to create realm " + target.realm() + ": an id in the bundle is already used "
                    + "in this Keycloak database (" + a.body().strip() + ")",
                    "ids are unique across realms: remove the other realm that holds them, or load into another Keycloak");
        }
        a.require("POST /admin/realms");
        return true;
    }

    private void putSourceProfile(KeycloakClient admin, KeycloakBundle kc) {
        JsonNode profile = kc.realm().get("ferryUserProfile");
        if (profile != null && profile.isObject()) {
            admin.put(admin.realmPath() + "/users/profile", profile);
        }
    }

    private Map<String, Long> partialImport(KeycloakClient admin, Plan plan, Progress progress) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("added", 0L);
        counts.put("skipped", 0L);
        counts.put("overwritten", 0L);
        add(counts, send(admin, plan.payloads.structure(policy()), "groups, roles and clients"));
        List<ObjectNode> users = plan.payloads.users();
        try (Progress.Task task = progress.start(store().label(), CountNames.USERS, users.size(), "users")) {
            for (int i = 0; i < users.size(); i += USERS_PER_REQUEST) {
                List<ObjectNode> batch = new ArrayList<>(users.subList(i, Math.min(users.size(), i + USERS_PER_REQUEST)));
                add(counts, send(admin, plan.payloads.usersBatch(policy(), batch), "users " + (i + 1) + "–" + (i + batch.size())));
                task.advance(batch.size());
            }
        }
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((k, v) -> named.put("entities:" + k, v));
        return named;
    }

    private JsonNode send(KeycloakClient admin, ObjectNode body, String what) {
        KeycloakClient.Answer a = admin.post(admin.realmPath() + "/partialImport", body);
        if (a.status() >= 500) {
            throw new StoreException("Keycloak failed the partial import of " + what + " (HTTP " + a.status() + ")",
                    "read the Keycloak server log; a known cause is an email held by another user, which the pre-check should have "
                            + "caught: re-run to see the conflict list. Nothing of this batch was written; --resume continues");
        }
        a.require("partialImport of " + what);
        return admin.parse(a, "partialImport");
    }

    private static void add(Map<String, Long> counts, JsonNode result) {
        for (String k : List.of("added", "skipped", "overwritten")) {
            counts.merge(k, result.path(k).asLong(0), Long::sum);
        }
    }

    private static String describe(UserProfileAlignment.Change c) {
        StringBuilder s = new StringBuilder();
        if (!c.declared().isEmpty()) {
            s.append("declared ").append(String.join(", ", c.declared()));
        }
        if (c.policy() != null) {
            s.append(s.length() > 0 ? "; " : "").append("unmanagedAttributePolicy=").append(c.policy());
        }
        return s.toString();
    }

    private static List<Notice> notices(Plan plan, KeycloakBundle kc) {
        ImportPayloads p = plan.payloads;
        List<Notice> n = new ArrayList<>();
        if (!kc.leftOut().isEmpty()) {
            n.add(new Notice("values the bundle does not carry (the Admin API masks them or gives no key material): what the "
                    + "Target does without each, and the fix", kc.leftOut().stream()
                    .map(l -> l.what() + ": " + l.consequence() + "; fix: " + l.fix()).toList()));
        }
        if (plan.realmExists) {
            List<String> lost = PresentRealmLosses.of(p.sentRealm());
            if (!lost.isEmpty()) {
                n.add(new Notice("not carried into a present realm (partialImport takes only groups, roles, clients, identity "
                        + "providers and users): load into an absent realm to keep them", lost));
            }
        }
        if (!plan.overwriteVictims.isEmpty()) {
            n.add(new Notice("keycloak.mode overwrite: Target-only users who lose every group membership and role mapping "
                    + "(groups, roles and clients are re-created)", plan.overwriteVictims));
        }
        if (!p.mustSetPassword().isEmpty()) {
            n.add(new Notice("users without a carried password hash: they get the UPDATE_PASSWORD required action", p.mustSetPassword()));
        }
        if (!p.webAuthnReenrolment().isEmpty()) {
            n.add(new Notice("users who must re-enrol their WebAuthn/passkey device", p.webAuthnReenrolment()));
        }
        return n;
    }
}
