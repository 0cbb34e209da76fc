package dev.ferry.importer.upgrade.agents;

import dev.ferry.importer.upgrade.Uuids;
import dev.ferry.importer.upgrade.tuples.FgaTuple;
import dev.ferry.importer.upgrade.tuples.PersonalTeams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The owners of each kea agent, from its {@code owner} tuples: {@code team:<id>} for a team agent, {@code user:<sub>}
 * for a personal one. Username-form subjects and kea's {@code team:personal} are filtered out first: swift's own
 * importer keeps the last owner tuple, so a {@code user:alice} duplicate would give {@code personal-alice}
 * (docs/reference/fred-stores.md §5.4). Phase 2 feeds it the kea tuples as they stream to the tuple upgrade, or the answers of a
 * {@code Read(object: agent:<id>, relation: owner)} per agent; it holds a few owners per agent, nothing per document.
 */
public final class AgentOwners {
    private final Map<String, List<String>> owners = new HashMap<>();

    public void accept(FgaTuple kea) {
        if (!kea.objectType().equals("agent") || !kea.relation().equals("owner") || kea.isUserset()) {
            return;
        }
        String subject = kea.user();
        boolean user = kea.userType().equals("user") && Uuids.isDashed(kea.userId());
        boolean team = kea.userType().equals("team") && !kea.userId().isEmpty() && !kea.userId().equals(PersonalTeams.KEA_LITERAL);
        if (user || team) {
            List<String> list = owners.computeIfAbsent(kea.objectId(), a -> new ArrayList<>(1));
            if (!list.contains(subject)) {
                list.add(subject);
            }
        }
    }

    /** The usable owner references of an agent, sorted. */
    public List<String> of(String agentId) {
        return owners.getOrDefault(agentId, List.of()).stream().sorted().toList();
    }
}
