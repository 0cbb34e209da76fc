package dev.ferry.importer.delta.keycloak;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.cli.Progress;
import dev.ferry.common.ConfigException;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreKind;
import dev.ferry.importer.config.KeycloakTarget;
import dev.ferry.importer.delta.BaseLoad;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.importer.load.StoreOutcome.Notice;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Keycloak part of a second load onto a Target that holds an earlier bundle (a delta, or a newer full bundle):
 * users, groups, memberships, role mappings, attributes and, from an offline export, password hashes become the
 * bundle's, with ids kept. Users and groups that the earlier load carried and this bundle no longer has are deleted.
 * Everything else in the realm (its settings, clients, roles, and the users and groups only the Target has) stays.
 * partialImport OVERWRITE is never used: it re-creates roles and clients under new ids and wipes Target-only mappings
 * (docs/reference/keycloak.md §6.2).
 * <p>
 * Before writing, the Target must still hold what the earlier load left (the journal's {@link KeycloakState}); a
 * resumed sync skips that check, which passed before its first write, and finishes the job: every step compares with
 * the Target as it is now.
 */
public final class KeycloakSync implements StoreLoader {
    private static final String STEP = "keycloak.sync";

    private final KeycloakTarget target;
    private final BaseLoad base;
    /**
     * The check's plan, which the load that follows in the same run starts from: reading the realm costs seconds in
     * the window, and nothing writes to Keycloak between this store's check and its load (Keycloak loads first).
     */
    private Planned checked;

    public KeycloakSync(KeycloakTarget target, BaseLoad base) {
        this.target = target;
        this.base = base;
    }

    /** Whether the earlier load recorded what it left in the realm, so that a sync can follow it. */
    public static boolean follows(BaseLoad base) {
        return base.has(KeycloakState.STEP);
    }

    @Override
    public StoreKind store() {
        return StoreKind.KEYCLOAK;
    }

    @Override
    public StoreOutcome check(VerifiedBundle bundle, Journal journal) {
        KeycloakBundle kc = KeycloakBundle.read(bundle);
        try (KeycloakClient client = KeycloakClient.open(target.connection())) {
            Planned p = plan(client, kc, journal);
            checked = p;
            return outcome(StoreOutcome.Status.PLANNED, p, new LinkedHashMap<>(), false);
        }
    }

    @Override
    public StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress) {
        KeycloakBundle kc = KeycloakBundle.read(bundle);
        try (KeycloakClient client = KeycloakClient.open(target.connection())) {
            Planned p = checked != null ? checked.readingWith(client) : plan(client, kc, journal);
            checked = null;
            journal.started(STEP, Map.of("base", base.bundleId()));
            progress.info(store().label(), "syncing realm " + target.realm() + " with bundle " + base.bundleId() + "'s load: "
                    + p.delta.usersAdded.size() + " user(s) to add, " + p.delta.usersChanged.size() + " to change, "
                    + p.delta.usersRemoved.size() + " to remove; " + p.delta.groupsAdded.size() + " group(s) to add, "
                    + p.delta.groupsChanged.size() + " to change, " + p.delta.groupsRemoved.size() + " to remove");
            new RealmWrites(client, p.desired).apply(p.delta, kc.realm(), p.target, progress);
            // With no user or group to add, change or remove, the writes (roles and clients the Target lacks, SKIP)
            // leave every user's and group's state as read before them: that read serves as the read after, one
            // realm read (seconds in the window) fewer. Otherwise the realm is read again and must equal the bundle.
            TargetRealm after = p.delta.isEmpty() ? p.target : TargetRealm.list(client);
            RealmDelta left = RealmDelta.between(p.desired, after, p.state);
            if (!left.isEmpty()) {
                List<String> diffs = describe(left, p.desired, after);
                throw new MismatchException("after the sync, Keycloak realm " + target.realm() + " still differs from the bundle in "
                        + diffs.size() + " place(s): " + String.join("; ", diffs.subList(0, Math.min(20, diffs.size()))),
                        "read the Keycloak server log (a user profile that refuses an attribute is a known cause), fix it and re-run with --resume");
            }
            KeycloakState.record(p.desired, after, journal);
            journal.done(STEP, Map.of("base", base.bundleId()));
            return outcome(StoreOutcome.Status.LOADED, p, new LinkedHashMap<>(), true);
        }
    }

    private record Planned(DesiredRealm desired, TargetRealm target, RealmDelta delta, KeycloakState state, boolean resumed) {
        Planned readingWith(KeycloakClient client) {
            return new Planned(desired, target.readingWith(client), delta, state, resumed);
        }
    }

    private Planned plan(KeycloakClient client, KeycloakBundle kc, Journal journal) {
        if (client.get(client.realmPath()) == null) {
            throw new MismatchException("the Target has no realm " + target.realm() + ", which the load of bundle " + base.bundleId()
                    + " created or merged into", "the realm was removed since: load bundle " + base.bundleId()
                    + " again into a fresh Target, or restore the realm; nothing was written");
        }
        KeycloakState state = KeycloakState.of(base.step(KeycloakState.STEP));
        DesiredRealm desired = new DesiredRealm(kc);
        TargetRealm t = TargetRealm.list(client);
        RealmDelta delta = RealmDelta.between(desired, t, state);
        boolean resumed = journal.step(STEP).filter(s -> !s.done()).isPresent();
        if (!resumed) {
            List<String> moved = delta.movedSince(state, t);
            if (!moved.isEmpty()) {
                throw new MismatchException("the Target Keycloak realm changed since bundle " + base.bundleId() + " was loaded ("
                        + moved.size() + "): " + String.join("; ", moved.subList(0, Math.min(20, moved.size()))),
                        "find out who changed the Target and why; undo those changes (or load a fresh Target from the first pass "
                                + "again), then re-run; nothing was written");
            }
        }
        List<String> conflicts = delta.conflicts(desired, t);
        if (!conflicts.isEmpty()) {
            throw new MismatchException("the Target Keycloak holds data that conflicts with the bundle (" + conflicts.size() + "): "
                    + String.join("; ", conflicts), "remove or rename the Target's user or group, then re-run; nothing was written");
        }
        return new Planned(desired, t, delta, state, resumed);
    }

    private StoreOutcome outcome(StoreOutcome.Status status, Planned p, Map<String, String> outputs, boolean done) {
        RealmDelta d = p.delta;
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("users:added", (long) d.usersAdded.size());
        counts.put("users:changed", (long) d.usersChanged.size());
        counts.put("users:removed", (long) d.usersRemoved.size());
        counts.put("groups:added", (long) d.groupsAdded.size());
        counts.put("groups:changed", (long) d.groupsChanged.size());
        counts.put("groups:removed", (long) d.groupsRemoved.size());
        long passwords = d.usersChanged.values().stream().filter(a -> a.contains(UserState.PASSWORD)).count();
        counts.put("passwords:changed", passwords);
        outputs.put("realm", target.realm());
        outputs.put("action", (done ? "synced" : "sync") + " users and groups with the bundle (over the load of bundle "
                + base.bundleId() + ")"
                + (p.resumed ? " (resumed: the Target-moved check passed before the first write)" : ""));
        outputs.put("passwords", p.desired.offline ? "synced from the offline export's hashes (users whose password changed are listed)"
                : "not synced: the bundle was exported through the Admin API, which never reads password hashes; a password changed "
                        + "on the Source during the window is not carried (export with --keycloak-realm-file to carry it)");
        List<Notice> notices = new ArrayList<>();
        notice(notices, "users added", d.usersAdded.stream().map(id -> p.desired.users.get(id).username()).toList());
        notice(notices, "users changed (what changed)", d.usersChanged.entrySet().stream()
                .map(e -> p.desired.users.get(e.getKey()).username() + ": " + String.join(", ", e.getValue())).toList());
        notice(notices, "users removed (deleted on the Source)", d.usersRemoved.stream().map(p.target.usernameById::get).toList());
        notice(notices, "groups added", d.groupsAdded.stream().map(id -> p.desired.groups.get(id).path()).toList());
        notice(notices, "groups changed (what changed)", d.groupsChanged.entrySet().stream()
                .map(e -> p.desired.groups.get(e.getKey()).path() + ": " + String.join(", ", e.getValue())).toList());
        notice(notices, "groups removed (deleted on the Source)", d.groupsRemoved.stream().map(p.target.pathByGroupId::get).toList());
        return new StoreOutcome(store(), status, counts, outputs, notices);
    }

    private static void notice(List<Notice> notices, String title, List<String> items) {
        if (!items.isEmpty()) {
            notices.add(new Notice(title, items));
        }
    }

    private static List<String> describe(RealmDelta d, DesiredRealm desired, TargetRealm t) {
        List<String> out = new ArrayList<>();
        d.usersAdded.forEach(id -> out.add("user '" + desired.users.get(id).username() + "' is missing"));
        d.usersChanged.forEach((id, a) -> out.add("user '" + desired.users.get(id).username() + "' differs in " + String.join(", ", a)));
        d.usersRemoved.forEach(id -> out.add("user '" + t.usernameById.get(id) + "' is still there"));
        d.groupsAdded.forEach(id -> out.add("group " + desired.groups.get(id).path() + " is missing"));
        d.groupsChanged.forEach((id, a) -> out.add("group " + desired.groups.get(id).path() + " differs in " + String.join(", ", a)));
        d.groupsRemoved.forEach(id -> out.add("group " + t.pathByGroupId.get(id) + " is still there"));
        return out;
    }

    /** Refuses a second Keycloak load whose earlier load recorded nothing to sync against. */
    public static ConfigException unrecorded(BaseLoad base) {
        return new ConfigException("the load of bundle " + base.bundleId() + " into this Target recorded no Keycloak state (a Ferry "
                + "before the Keycloak sync loaded it), so the users and groups it carried, and whether the Target changed since, are unknown",
                "load this bundle with --stores postgres,openfga,objects and carry the window's Keycloak changes by hand; nothing was written");
    }

}
