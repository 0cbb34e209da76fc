package dev.ferry.importer.upgrade.teams;

import dev.ferry.importer.upgrade.Text;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import dev.ferry.importer.upgrade.tuples.PersonalTeams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * swift {@code teammetadata} (docs/reference/fred-stores.md §2.1): a row for every team the swift tuples reference, whether or not
 * kea had a row for it (kea only has rows for customised teams), plus the teams of migrated agents and of kea rows.
 * Each row: the unique {@link TeamNames name}, kea's description and banner key verbatim, {@code joining_mode =
 * request_only} (what swift's importer always sets), storage use 0, no {@code is_private} (swift has none), and kea's
 * timestamps where kea had a row. Personal teams get no row (§5.2). Everything it needs is per team, so it is held.
 */
public final class SwiftTeams {
    public static final String JOINING_MODE = "request_only";

    private SwiftTeams() {
    }

    /**
     * @param tupleTeams      the teams the swift tuples reference ({@code TupleUpgradeResult.referencedTeams})
     * @param agentTeams      the {@code team_id}s of mapped agent instances
     * @param groupNames      every Keycloak root group: id → name
     * @param keaRows         kea {@code teammetadata} by id
     * @param teamsMadePublic the teams that got {@code user:* public} ({@code TupleUpgradeResult.teamsMadePublic})
     */
    public static TeamPlan plan(Set<String> tupleTeams, Set<String> agentTeams, Map<String, String> groupNames, Map<String, KeaTeamRow> keaRows,
            Set<String> teamsMadePublic) {
        SortedSet<String> teams = new TreeSet<>();
        teams.addAll(tupleTeams);
        teams.addAll(agentTeams);
        teams.addAll(keaRows.keySet());
        teams.removeIf(t -> t.equals(PersonalTeams.KEA_LITERAL) || PersonalTeams.isPersonal(t));
        Map<String, String> names = TeamNames.assign(teams, groupNames);
        List<TargetRow> rows = new ArrayList<>();
        List<PrivacyRisk> risks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String id : teams) {
            String name = names.get(id);
            KeaTeamRow kea = keaRows.get(id);
            rows.add(new TargetRow(SwiftSchema.TEAMMETADATA, Arrays.asList(id, name, kea == null ? null : kea.description(), JOINING_MODE,
                    kea == null ? null : kea.bannerKey(), 0L, kea == null ? null : kea.createdAt(), kea == null ? null : kea.updatedAt())));
            notes.addAll(naming(id, name, groupNames.get(id)));
            if (!tupleTeams.contains(id) && !agentTeams.contains(id)) {
                notes.add("team " + name + " (" + id + ") has a kea teammetadata row but no tuple or agent names it: carried for its description and banner");
            }
            if (kea != null && kea.isPrivate()) {
                risks.add(new PrivacyRisk(id, name, PrivacyRisk.Kind.PRIVATE_IN_KEA));
            } else if (!teamsMadePublic.contains(id)) {
                risks.add(new PrivacyRisk(id, name, PrivacyRisk.Kind.NO_PUBLIC_TUPLE));
            }
        }
        new TreeMap<>(groupNames).forEach((id, group) -> {
            if (!teams.contains(id)) {
                notes.add("Keycloak group " + group + " (" + id + ") has no member, tuple, agent or teammetadata row: no swift team is made for it");
            }
        });
        return new TeamPlan(rows, risks, notes);
    }

    private static List<String> naming(String id, String name, String group) {
        if (Text.isBlank(group)) {
            return List.of("team " + id + " has no Keycloak group: it is named after its id");
        }
        if (name.equals(group)) {
            return List.of();
        }
        if (Text.length(group) > TeamNames.MAX && name.equals(Text.truncate(group, TeamNames.MAX))) {
            return List.of("team " + id + ": its group name is longer than " + TeamNames.MAX + " characters and is shortened");
        }
        return List.of("team " + id + ": the name " + Text.truncate(group, TeamNames.MAX) + " is taken by another team, so it is named " + name);
    }
}
