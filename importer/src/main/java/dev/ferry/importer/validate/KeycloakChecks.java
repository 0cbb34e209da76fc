package dev.ferry.importer.validate;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.FerryException;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.importer.keycloak.RealmComparison;
import dev.ferry.importer.validate.realm.RealmSection;
import dev.ferry.importer.validate.realm.SectionOutcome;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runbook §1.6 for Keycloak, realm-wide: one check per {@link RealmSection} comparing the Target realm with the bundle
 * ({@link TargetRealm}, docs/reference/keycloak-paths.md §8), and under Groups and Users the checks the load's
 * read-back shares ({@link RealmComparison}): the bundle's groups and users are on the Target with the same ids, and
 * every group's membership among the bundle's users is the same. Checks run in the order of their report headings.
 */
final class KeycloakChecks {
    static final String STORE = StoreKind.KEYCLOAK.label();
    static final String GROUPS = "keycloak.groups";
    static final String USERS = "keycloak.users";
    static final String MEMBERSHIPS = "keycloak.memberships";

    private final VerifiedBundle bundle;
    private final KeycloakClient target;

    KeycloakChecks(VerifiedBundle bundle, KeycloakClient target) {
        this.bundle = bundle;
        this.target = target;
    }

    /** The Target's root group ids (kea's teams), for the cross-store checks. */
    Set<String> run(Checklist checklist, Map<String, Long> actualCounts) {
        // The load's own reading of the bundle, so both agree on what the realm holds.
        KeycloakBundle carried = KeycloakBundle.read(bundle);
        Supplier<Map<RealmSection, SectionOutcome>> realm = once(() -> compare(carried, actualCounts));
        Set<String> targetGroupIds = new HashSet<>();
        Set<String> rootGroupIds = new HashSet<>();
        for (RealmSection section : RealmSection.values()) {
            checklist.run(section.checkId(), STORE, section.title(), () -> realm.get().get(section).outcome());
            if (section == RealmSection.GROUPS) {
                groupChecks(checklist, carried, targetGroupIds, rootGroupIds, actualCounts);
            } else if (section == RealmSection.USERS) {
                userCheck(checklist, carried, actualCounts);
            }
        }
        return rootGroupIds;
    }

    private Map<RealmSection, SectionOutcome> compare(KeycloakBundle carried, Map<String, Long> actualCounts) {
        TargetRealm.Comparison c = TargetRealm.compare(carried, target);
        actualCounts.put(CountNames.CLIENTS, (long) c.targetClients());
        actualCounts.put(CountNames.ROLES, (long) c.targetRoles());
        Map<RealmSection, SectionOutcome> out = new EnumMap<>(RealmSection.class);
        c.sections().forEach(s -> out.put(s.section(), s));
        return out;
    }

    private void groupChecks(Checklist checklist, KeycloakBundle carried, Set<String> targetGroupIds, Set<String> rootGroupIds,
            Map<String, Long> actualCounts) {
        checklist.run(GROUPS, STORE, "Groups (teams) present with the same ids", () -> {
            Differences d = new Differences();
            Map<String, String> groups = target.groupPathsById();
            targetGroupIds.addAll(groups.keySet());
            // The cross-store checks count teams as kea does: the realm's root groups.
            groups.forEach((id, path) -> {
                if (path.lastIndexOf('/') == 0) {
                    rootGroupIds.add(id);
                }
            });
            long found = RealmComparison.groups(carried, groups, d::add);
            actualCounts.put(CountNames.GROUPS, found);
            return Outcome.of(carried.groupPathsById().size() + " groups", found + " of them present", d);
        });
        checklist.run(MEMBERSHIPS, STORE, "Group memberships equal the bundle's", () -> {
            Differences d = new Differences();
            long found = RealmComparison.memberships(carried, targetGroupIds, target::memberIds, d::add);
            actualCounts.put(CountNames.MEMBERSHIPS, found);
            return Outcome.of(RealmComparison.carriedMemberships(carried) + " memberships", found + " memberships", d);
        });
    }

    private void userCheck(Checklist checklist, KeycloakBundle carried, Map<String, Long> actualCounts) {
        checklist.run(USERS, STORE, "Users present with the same ids and usernames", () -> {
            Differences d = new Differences();
            long found = RealmComparison.users(carried, target.usernamesById(), d::add);
            actualCounts.put(CountNames.USERS, found);
            return Outcome.of(carried.users().size() + " users", found + " of them present", d);
        });
    }

    /**
     * The realm is read once for every section; a read that fails fails each section's check the same way (an ERROR
     * naming the store problem), and the admin client's own failures are translated into the store's words first.
     */
    private <T> Supplier<T> once(Supplier<T> read) {
        return new Supplier<>() {
            private T value;
            private FerryException failure;

            @Override
            public T get() {
                if (value == null && failure == null) {
                    try {
                        value = read.get();
                    } catch (FerryException e) {
                        failure = e;
                    } catch (RuntimeException e) {
                        failure = target.translate(e);
                    }
                }
                if (failure != null) {
                    throw failure;
                }
                return value;
            }
        };
    }

    /** The report heading of a Keycloak check that is not a realm section; empty for any other check. */
    static String heading(String checkId) {
        return switch (checkId) {
            case GROUPS, MEMBERSHIPS -> RealmSection.GROUPS.heading();
            case USERS -> RealmSection.USERS.heading();
            default -> "";
        };
    }
}
