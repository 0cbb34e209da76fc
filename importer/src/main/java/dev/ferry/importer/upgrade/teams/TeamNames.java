package dev.ferry.importer.upgrade.teams;

import dev.ferry.importer.upgrade.Text;
import dev.ferry.importer.upgrade.UniqueNames;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * swift's unique {@code teammetadata.name} (varchar(180), {@code uq_teammetadata_name}) for each kea team, from its
 * Keycloak group name (docs/reference/fred-stores.md §2.1). A team whose group is gone is named after its id, as swift's own importer
 * does. De-duplication is deterministic and independent of input order: names that occur once are kept; within a
 * clash (truncation to 180 characters, a fallback id equal to a group name…) the team with the smallest id keeps the
 * name and the others get {@code " (<first 8 chars of the id>)"} ({@link UniqueNames}).
 */
public final class TeamNames {
    public static final int MAX = 180;

    private TeamNames() {
    }

    /** @param groupNames team id → Keycloak group name, or null/absent when the group does not exist */
    public static Map<String, String> assign(Iterable<String> teamIds, Map<String, String> groupNames) {
        Map<String, String> base = new TreeMap<>();
        for (String id : teamIds) {
            String group = groupNames.get(id);
            base.put(id, Text.truncate(Text.isBlank(group) ? id : group, MAX));
        }
        Map<String, Integer> occurrences = new HashMap<>();
        base.values().forEach(n -> occurrences.merge(n, 1, Integer::sum));
        UniqueNames names = new UniqueNames(MAX);
        Map<String, String> out = new LinkedHashMap<>();
        base.forEach((id, name) -> {
            if (occurrences.get(name) == 1) {
                out.put(id, names.claim(name, id));
            }
        });
        base.forEach((id, name) -> {
            if (occurrences.get(name) > 1) {
                out.put(id, names.claim(name, id));
            }
        });
        return new TreeMap<>(out);
    }
}
