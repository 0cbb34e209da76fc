package dev.ferry.importer.validate;

import dev.ferry.importer.validate.realm.RealmSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heading a check is grouped under within its store in the reports: Keycloak's checks under the sections of the
 * realm-wide comparison (Realm settings, Roles, Clients, Groups, Users, Identity providers, Realm keys,
 * docs/reference/keycloak-paths.md §8); other stores' checks are not grouped.
 */
public final class CheckGroups {
    private CheckGroups() {
    }

    /**
     * The checks of one heading of one store.
     *
     * @param store   the checks' store
     * @param heading e.g. "Roles"; "" for a store whose checks have no headings
     * @param checks  in checklist order
     */
    public record Group(String store, String heading, List<CheckResult> checks) {
        public Group {
            checks = List.copyOf(checks);
        }

        /** FAIL or ERROR when any of its checks is (ERROR first: nothing is known); PASS otherwise. */
        public CheckStatus status() {
            if (checks.stream().anyMatch(c -> c.status() == CheckStatus.ERROR)) {
                return CheckStatus.ERROR;
            }
            return checks.stream().allMatch(CheckResult::passed) ? CheckStatus.PASS : CheckStatus.FAIL;
        }

        public long differenceCount() {
            return checks.stream().mapToLong(CheckResult::differenceCount).sum();
        }
    }

    /** The heading, or "" when the check's store has no headings. */
    public static String heading(CheckResult check) {
        for (RealmSection s : RealmSection.values()) {
            if (s.checkId().equals(check.id())) {
                return s.heading();
            }
        }
        return KeycloakChecks.STORE.equals(check.store()) ? KeycloakChecks.heading(check.id()) : "";
    }

    /** The checks by store and heading, each in the order its first check ran. */
    public static List<Group> of(List<CheckResult> checks) {
        Map<String, List<CheckResult>> byKey = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        for (CheckResult c : checks) {
            String heading = heading(c);
            String key = c.store() + "\u0000" + heading;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            names.putIfAbsent(key, new String[] {c.store(), heading});
        }
        List<Group> out = new ArrayList<>();
        byKey.forEach((key, list) -> out.add(new Group(names.get(key)[0], names.get(key)[1], list)));
        return out;
    }
}
