package dev.ferry.importer.upgrade.tuples;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kea team roles of each (team, user) pair, gathered while the rest of the tuple set streams through, so that a
 * member who is also owner or manager gets exactly the swift roles of the highest one, whatever the order the tuples
 * and the Keycloak memberships arrive in. Its size is the number of team-role tuples plus Keycloak memberships: per
 * user and per team, like the membership input itself, and independent of the documents, tags and agents that make
 * up the bulk of the tuple set.
 */
final class TeamRoles {
    static final int OWNER = 1;
    static final int MANAGER = 2;
    static final int MEMBER_TUPLE = 4;
    static final int GROUP_MEMBER = 8;

    private final Map<String, Map<String, Integer>> byTeam = new HashMap<>();

    void add(String team, String sub, int role) {
        byTeam.computeIfAbsent(team, t -> new HashMap<>()).merge(sub, role, (a, b) -> a | b);
    }

    /** Every pair with its role bits, teams then subs in sorted order, so synthesised output is deterministic. */
    void forEachSorted(TeamUserRoles action) {
        new TreeMap<>(byTeam).forEach((team, users) -> new TreeMap<>(users).forEach((sub, bits) -> action.accept(team, sub, bits)));
    }

    @FunctionalInterface
    interface TeamUserRoles {
        void accept(String team, String sub, int bits);
    }

    static boolean has(int bits, int role) {
        return (bits & role) != 0;
    }
}
