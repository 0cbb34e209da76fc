package dev.ferry.importer.upgrade.tuples;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the tuple upgrade needs besides the kea tuples. All of it is per user or per team, so it is held in memory;
 * the kea tuple set itself is never held.
 *
 * @param groupMembers      Keycloak root group id (= kea team id) → the subs of its members: in kea the group is the
 *                          truth for plain members, which OpenFGA only partly stores (docs/reference/fred-stores.md §3.1)
 * @param appClientRoles    role name on the {@code app} client → the subs holding it, directly or through a group
 *                          or composite role (kea injects {@code resource_access.app.roles} as organization roles)
 * @param privateTeams      the ids of kea teams whose {@code teammetadata.is_private} is true
 * @param personalTeamSeeds the subs whose {@code personal-<sub>} team gets its two sanctioned tuples written now;
 *                          empty by default, because swift self-heals them on first use (§5.2)
 * @param organization      the organization object's id, {@code fred} in both generations (§0)
 */
public record TupleUpgradeInputs(Map<String, Set<String>> groupMembers, Map<String, Set<String>> appClientRoles, Set<String> privateTeams,
        Set<String> personalTeamSeeds, String organization) {

    public static final String DEFAULT_ORGANIZATION = "fred";

    public TupleUpgradeInputs {
        groupMembers = sortedCopy(groupMembers);
        appClientRoles = sortedCopy(appClientRoles);
        privateTeams = Set.copyOf(privateTeams);
        personalTeamSeeds = new TreeSet<>(personalTeamSeeds);
        Objects.requireNonNull(organization, "organization");
    }

    public static TupleUpgradeInputs of(Map<String, Set<String>> groupMembers, Map<String, Set<String>> appClientRoles, Set<String> privateTeams) {
        return new TupleUpgradeInputs(groupMembers, appClientRoles, privateTeams, Set.of(), DEFAULT_ORGANIZATION);
    }

    public TupleUpgradeInputs withPersonalTeamSeeds(Set<String> subs) {
        return new TupleUpgradeInputs(groupMembers, appClientRoles, privateTeams, subs, organization);
    }

    /** Sorted, so that everything synthesised from these inputs comes out in one order whatever the reader's. */
    private static Map<String, Set<String>> sortedCopy(Map<String, Set<String>> m) {
        Map<String, Set<String>> copy = new TreeMap<>();
        m.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
        return copy;
    }
}
