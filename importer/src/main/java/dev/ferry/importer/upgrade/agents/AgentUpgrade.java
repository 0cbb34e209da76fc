package dev.ferry.importer.upgrade.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.importer.upgrade.Json;
import dev.ferry.importer.upgrade.Text;
import dev.ferry.importer.upgrade.Uuids;
import dev.ferry.importer.upgrade.agents.AgentOutcome.SkipKind;
import dev.ferry.importer.upgrade.agents.AgentOutcome.TeamSource;
import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import dev.ferry.importer.upgrade.tuples.PersonalTeams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * kea {@code agent} → swift {@code agent_instance} (docs/reference/fred-stores.md §5.3), with the #1954 semantics and the
 * recommendations of §5.6 for a Java tool. In order:
 * <ol>
 *   <li>SKIPPED: the {@code __static_seeded__} row, platform-seeded catalog agents (ids that are not UUIDs), and
 *       {@code leader} rows;
 *   <li>the template is {@code payload_json.definition_ref} if a non-blank string, else {@code class_path}: a mapped
 *       template is MAPPED, a sample IGNORED, anything else (no template included) a GAP;
 *   <li>{@code team_id}: the team of a {@code team:T owner} tuple, else {@code personal-<sub>} of a
 *       {@code user:<sub> owner} tuple, else {@code payload_json.team_id} (§5.6); an agent with none is a GAP, as is
 *       one owned by several teams (or users) that its payload does not settle.
 * </ol>
 * Stateless: phase 2 streams the {@code agent} table through it in {@code id} order.
 */
public final class AgentUpgrade {
    public static final String SEED_ROW_ID = "__static_seeded__";
    /** The kea columns to select. */
    public static final List<String> SOURCE_COLUMNS = List.of("id", "name", "payload_json", "created_at", "updated_at", "created_by", "updated_by");

    private final TemplateMapping templates;
    private final AgentOwners owners;

    public AgentUpgrade(TemplateMapping templates, AgentOwners owners) {
        this.templates = templates;
        this.owners = owners;
    }

    public AgentOutcome map(Row agent) {
        String id = agent.text("id");
        JsonNode payload = Json.tree(agent.get("payload_json"));
        if (payload == null) {
            payload = Json.mapper().createObjectNode();
        }
        if (SEED_ROW_ID.equals(id)) {
            return new AgentOutcome.Skipped(id, SkipKind.SEED_ROW);
        }
        if (!Uuids.isDashed(id)) {
            return new AgentOutcome.Skipped(id, SkipKind.CATALOG);
        }
        if ("leader".equals(Json.textField(payload, "type"))) {
            return new AgentOutcome.Skipped(id, SkipKind.LEADER);
        }
        String displayName = displayName(agent, payload, id);
        String template = template(payload);
        if (template == null) {
            return new AgentOutcome.Gap(id, displayName, null, "it names no template (neither definition_ref nor class_path)");
        }
        if (templates.ignores(template)) {
            return new AgentOutcome.Ignored(id, displayName, template);
        }
        SwiftTemplate swift = templates.swiftTemplate(template).orElse(null);
        if (swift == null) {
            return new AgentOutcome.Gap(id, displayName, template, "no swift template serves kea template " + template
                    + ": add it to the template mapping, or rebuild the agent in swift");
        }
        Team team = team(id, payload, agent.text("created_by"));
        if (team.gap() != null) {
            return new AgentOutcome.Gap(id, displayName, template, team.gap());
        }
        List<String> notes = new ArrayList<>(ManagedAgentTuning.notCarried(payload));
        if (team.note() != null) {
            notes.add(team.note());
        }
        JsonNode tuning = payload.get("tuning");
        TargetRow row = new TargetRow(SwiftSchema.AGENT_INSTANCE, Arrays.asList(
                id,
                team.id(),
                swift.templateId(),
                swift.runtimeId(),
                swift.agentId(),
                displayName,
                Text.truncate(Json.textField(tuning, "description"), 500),
                enabled(payload),
                createdBy(agent, team),
                blankToNull(agent.text("updated_by")),
                ManagedAgentTuning.json(tuning, displayName),
                agent.get("created_at"),
                agent.get("updated_at")));
        return new AgentOutcome.Mapped(id, row, template, team.source(), notes);
    }

    /**
     * §5.6 recommends the kea row's own {@code created_by} (added 2026-07-08, NULL on older agents), which swift's and
     * #1954's importers both ignore; an older personal agent falls back to its user owner, as #1954 does. The worked
     * example (§7) disagrees for team agents: it shows {@code created_by: null} for the team agent although its kea row
     * names alice. §5.6 is followed here, so that agent's instance says alice.
     */
    private static String createdBy(Row agent, Team team) {
        String column = blankToNull(agent.text("created_by"));
        if (column != null) {
            return column;
        }
        return team.source() == TeamSource.USER_OWNER_TUPLE ? team.id().substring(PersonalTeams.PREFIX.length()) : null;
    }

    static String template(JsonNode payload) {
        String ref = Json.textField(payload, "definition_ref");
        return ref != null ? ref.strip() : stripped(Json.textField(payload, "class_path"));
    }

    /** The row's name, else the payload's, else the id; at most 255 characters. */
    private static String displayName(Row agent, JsonNode payload, String id) {
        String name = blankToNull(agent.text("name"));
        if (name == null) {
            name = Json.textField(payload, "name");
        }
        return Text.truncate(name != null ? name : id, 255);
    }

    private Team team(String id, JsonNode payload, String createdBy) {
        List<String> teamOwners = new ArrayList<>();
        List<String> userOwners = new ArrayList<>();
        for (String o : owners.of(id)) {
            (o.startsWith("team:") ? teamOwners : userOwners).add(o.substring(o.indexOf(':') + 1));
        }
        String payloadTeam = Json.textField(payload, "team_id");
        if (PersonalTeams.KEA_LITERAL.equals(payloadTeam)) {
            payloadTeam = null;
        }
        if (teamOwners.size() == 1) {
            String t = teamOwners.get(0);
            String note = payloadTeam != null && !payloadTeam.equals(t)
                    ? "payload_json.team_id names another team (" + payloadTeam + "); the owner tuple wins" : null;
            return new Team(t, TeamSource.TEAM_OWNER_TUPLE, note, null);
        }
        if (teamOwners.size() > 1) {
            return teamOwners.contains(payloadTeam)
                    ? new Team(payloadTeam, TeamSource.TEAM_OWNER_TUPLE, "owned by " + teamOwners.size() + " teams; payload_json.team_id chose one", null)
                    : Team.gap("it is owned by " + teamOwners.size() + " teams (" + String.join(", ", teamOwners)
                            + ") and payload_json.team_id names none of them: keep one owner tuple in kea");
        }
        if (userOwners.size() == 1) {
            return new Team(PersonalTeams.teamId(userOwners.get(0)), TeamSource.USER_OWNER_TUPLE, null, null);
        }
        if (userOwners.size() > 1) {
            return userOwners.contains(createdBy)
                    ? new Team(PersonalTeams.teamId(createdBy), TeamSource.USER_OWNER_TUPLE, "owned by " + userOwners.size() + " users; created_by chose one", null)
                    : Team.gap("it is owned by " + userOwners.size() + " users and created_by names none of them: keep one owner tuple in kea");
        }
        if (payloadTeam != null) {
            return new Team(payloadTeam, TeamSource.PAYLOAD_TEAM_ID, null, null);
        }
        return Team.gap("it has no owner tuple and no payload_json.team_id, so its team is unknown: write its owner tuple in kea");
    }

    /** A resolved team, or why there is none. */
    private record Team(String id, TeamSource source, String note, String gap) {
        static Team gap(String reason) {
            return new Team(null, null, null, reason);
        }
    }

    /** {@code payload.enabled}, true when absent or not a boolean (swift's importer defaults it to true). */
    private static boolean enabled(JsonNode payload) {
        JsonNode e = payload.get("enabled");
        return e == null || !e.isBoolean() || e.booleanValue();
    }

    private static String blankToNull(String s) {
        return Text.isBlank(s) ? null : s;
    }

    private static String stripped(String s) {
        return s == null ? null : s.strip();
    }
}
