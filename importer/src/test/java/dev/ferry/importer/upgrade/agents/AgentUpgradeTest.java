package dev.ferry.importer.upgrade.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.upgrade.Json;
import dev.ferry.importer.upgrade.agents.AgentOutcome.Gap;
import dev.ferry.importer.upgrade.agents.AgentOutcome.Mapped;
import dev.ferry.importer.upgrade.agents.AgentOutcome.SkipKind;
import dev.ferry.importer.upgrade.agents.AgentOutcome.Skipped;
import dev.ferry.importer.upgrade.agents.AgentOutcome.TeamSource;
import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.importer.upgrade.tuples.FgaTuple;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentUpgradeTest {
    static final String A = "3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42";
    static final String B = "b7e41c09-2d5a-4f88-a3c6-0e9d1f2b7a65";
    static final String T = "6a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";
    static final String T2 = "11111111-2222-4333-8444-555555555555";
    static final String AG = "2c9e7f14-5b3a-4d61-8f02-a7e6c1d9b835";

    private final AgentOwners owners = new AgentOwners();
    private final AgentUpgrade upgrade = new AgentUpgrade(TemplateMapping.defaults(), owners);

    static ObjectNode payload(String json) {
        return (ObjectNode) Json.tree(json);
    }

    static Row agent(String id, String name, ObjectNode payload, String createdBy) {
        return Row.of("id", id, "name", name, "payload_json", payload == null ? null : Json.text(payload), "created_at", "2026-06-02T09:14:07+00:00",
                "updated_at", "2026-07-01T16:40:11+00:00", "created_by", createdBy, "updated_by", null);
    }

    static ObjectNode basic() {
        return payload("{\"type\":\"agent\",\"enabled\":true,\"definition_ref\":\"v2.react.basic\",\"tuning\":{\"role\":\"r\",\"description\":\"d\"}}");
    }

    void owner(String subject, String agentId) {
        owners.accept(FgaTuple.of(subject, "owner", "agent:" + agentId));
    }

    Mapped mapped(Row row) {
        return assertInstanceOf(Mapped.class, upgrade.map(row));
    }

    @Test
    void theSeedRowIsSkipped() {
        Skipped s = assertInstanceOf(Skipped.class, upgrade.map(agent("__static_seeded__", "__static_seeded__", payload("{}"), null)));
        assertEquals(SkipKind.SEED_ROW, s.kind());
    }

    @Test
    void catalogAgentsAreSkippedNeverAGapWhateverTheirTemplate() {
        for (String id : new String[] {"Rico", "Tessa", "Spot", "SQL Agent", "BankTransfer", "DVARiskValidatorGraph"}) {
            AgentOutcome o = upgrade.map(agent(id, id, payload("{\"type\":\"agent\",\"definition_ref\":\"v2.unknown.thing\"}"), null));
            assertEquals(new Skipped(id, SkipKind.CATALOG), o, id);
        }
    }

    @Test
    void leaderRowsAreSkipped() {
        owner("team:" + T, AG);
        Skipped s = assertInstanceOf(Skipped.class, upgrade.map(agent(AG, "boss", payload("{\"type\":\"leader\",\"definition_ref\":\"v2.react.basic\"}"), null)));
        assertEquals(SkipKind.LEADER, s.kind());
    }

    @Test
    void aMappedTemplateGivesTheSwiftTemplateSplitIntoRuntimeAndAgent() {
        owner("team:" + T, AG);
        Mapped m = mapped(agent(AG, "Assistant RH", basic(), A));
        assertEquals("fred-agents:fred.github.assistant", m.row().get("template_id"));
        assertEquals("fred-agents", m.row().get("source_runtime_id"));
        assertEquals("fred.github.assistant", m.row().get("source_agent_id"));
        assertEquals(AG, m.row().get("agent_instance_id"));
        assertEquals("v2.react.basic", m.keaTemplate());
    }

    @Test
    void definitionRefWinsOverClassPathAndABlankOneFallsBackToIt() {
        owner("team:" + T, AG);
        ObjectNode both = basic().put("class_path", "agentic_backend.agents.v1.production.rags.rag_expert.Rico");
        assertEquals("fred-agents:fred.github.assistant", mapped(agent(AG, "x", both, null)).row().get("template_id"));
        ObjectNode blank = both.deepCopy().put("definition_ref", "  ");
        assertEquals("fred-agents:fred.github.rag_expert", mapped(agent(AG, "x", blank, null)).row().get("template_id"));
    }

    @Test
    void aSampleIsIgnored() {
        owner("team:" + T, AG);
        AgentOutcome o = upgrade.map(agent(AG, "Bank", payload("{\"type\":\"agent\",\"definition_ref\":\"v2.sample.bank_transfer\"}"), null));
        assertEquals(new AgentOutcome.Ignored(AG, "Bank", "v2.sample.bank_transfer"), o);
    }

    @Test
    void anUnmappedTemplateIsAGapThatNamesIt() {
        owner("team:" + T, AG);
        Gap g = assertInstanceOf(Gap.class, upgrade.map(agent(AG, "Deep", payload("{\"type\":\"agent\",\"definition_ref\":\"v2.deep.basic\"}"), null)));
        assertEquals("v2.deep.basic", g.keaTemplate());
        assertTrue(g.reason().contains("v2.deep.basic"), g.reason());
    }

    @Test
    void anAgentWithoutTemplateOrPayloadIsAGap() {
        owner("team:" + T, AG);
        assertInstanceOf(Gap.class, upgrade.map(agent(AG, "x", payload("{\"type\":\"agent\"}"), null)));
        Gap g = assertInstanceOf(Gap.class, upgrade.map(agent(AG, "x", null, null)));
        assertNull(g.keaTemplate());
    }

    @Test
    void aTeamOwnerTupleGivesTheTeam() {
        owner("team:" + T, AG);
        Mapped m = mapped(agent(AG, "x", basic(), null));
        assertEquals(T, m.row().get("team_id"));
        assertEquals(TeamSource.TEAM_OWNER_TUPLE, m.teamSource());
    }

    @Test
    void aUserOwnerTupleGivesThePersonalTeam() {
        owner("user:" + B, AG);
        Mapped m = mapped(agent(AG, "x", basic(), null));
        assertEquals("personal-" + B, m.row().get("team_id"));
        assertEquals(TeamSource.USER_OWNER_TUPLE, m.teamSource());
    }

    @Test
    void usernameAndTeamPersonalOwnersAreFilteredOutBeforeChoosing() {
        owner("user:" + B, AG);
        owner("user:bob", AG);
        owner("team:personal", AG);
        assertEquals("personal-" + B, mapped(agent(AG, "x", basic(), null)).row().get("team_id"));
    }

    @Test
    void withoutAnOwnerTuplePayloadTeamIdIsTheFallback() {
        Mapped m = mapped(agent(AG, "x", basic().put("team_id", T), null));
        assertEquals(T, m.row().get("team_id"));
        assertEquals(TeamSource.PAYLOAD_TEAM_ID, m.teamSource());
    }

    @Test
    void theOwnerTupleWinsOverADifferentPayloadTeamIdAndSaysSo() {
        owner("team:" + T, AG);
        Mapped m = mapped(agent(AG, "x", basic().put("team_id", T2), null));
        assertEquals(T, m.row().get("team_id"));
        assertTrue(m.notes().stream().anyMatch(n -> n.contains(T2)), m.notes()::toString);
    }

    @Test
    void withNeitherOwnerNorPayloadTeamTheAgentIsAGap() {
        Gap g = assertInstanceOf(Gap.class, upgrade.map(agent(AG, "x", basic(), A)));
        assertTrue(g.reason().contains("no owner tuple"), g.reason());
    }

    @Test
    void severalTeamOwnersAreSettledByThePayloadOrAreAGap() {
        owner("team:" + T, AG);
        owner("team:" + T2, AG);
        assertEquals(T2, mapped(agent(AG, "x", basic().put("team_id", T2), null)).row().get("team_id"));
        assertInstanceOf(Gap.class, upgrade.map(agent(AG, "x", basic(), null)));
    }

    @Test
    void severalUserOwnersAreSettledByCreatedByOrAreAGap() {
        owner("user:" + A, AG);
        owner("user:" + B, AG);
        assertEquals("personal-" + B, mapped(agent(AG, "x", basic(), B)).row().get("team_id"));
        assertInstanceOf(Gap.class, upgrade.map(agent(AG, "x", basic(), null)));
    }

    @Test
    void aTeamOwnerWinsOverAUserOwner() {
        owner("team:" + T, AG);
        owner("user:" + B, AG);
        assertEquals(T, mapped(agent(AG, "x", basic(), null)).row().get("team_id"));
    }

    @Test
    void createdByComesFromTheKeaRowNotFromTheOwnerTuple() {
        owner("team:" + T, AG);
        // §5.6: the row's own created_by. (§7 shows null for this team agent; §5.6 wins.)
        assertEquals(A, mapped(agent(AG, "x", basic(), A)).row().get("created_by"));
        assertNull(mapped(agent(AG, "x", basic(), null)).row().get("created_by"), "a team agent without created_by has none");
    }

    @Test
    void anOlderPersonalAgentWithoutCreatedByFallsBackToItsUserOwner() {
        owner("user:" + B, AG);
        assertEquals(B, mapped(agent(AG, "x", basic(), null)).row().get("created_by"));
        assertEquals(A, mapped(agent(AG, "x", basic(), A)).row().get("created_by"), "the column wins when present");
    }

    @Test
    void tuningJsonIsAJsonStringWithRoleDescriptionTagsAndTheSystemPrompt() {
        owner("team:" + T, AG);
        ObjectNode p = payload("{\"type\":\"agent\",\"definition_ref\":\"v2.react.basic\",\"tuning\":{\"role\":\"HR\",\"description\":\"Answers\","
                + "\"tags\":[\"hr\",\"policy\"],\"fields\":[{\"key\":\"react_profile_id\",\"default\":\"p1\"},"
                + "{\"key\":\"system_prompt_template\",\"type\":\"prompt\",\"default\":\"You are HR.\"}],\"mcp_servers\":[{\"id\":\"m\"}]}}");
        Mapped m = mapped(agent(AG, "Assistant", p, null));
        Object tuning = m.row().get("tuning_json");
        assertInstanceOf(String.class, tuning);
        assertEquals(Json.tree("{\"role\":\"HR\",\"description\":\"Answers\",\"usage_statement\":\"\",\"tags\":[\"hr\",\"policy\"],\"fields\":[],"
                + "\"selected_capability_ids\":null,\"capability_config\":{},\"values\":{\"prompts.system\":\"You are HR.\"}}"), Json.tree(tuning));
        assertEquals("Answers", m.row().get("description"));
        assertEquals(List.of("its MCP servers are not carried: swift enables capabilities per team (MIGR-05.11)",
                "tuned fields other than the system prompt are not carried: react_profile_id"), m.notes());
    }

    @Test
    void aV1AgentsSystemPromptComesFromPromptsSystem() {
        owner("team:" + T, AG);
        ObjectNode p = payload("{\"type\":\"agent\",\"class_path\":\"agentic_backend.agents.v1.production.rags.rag_expert.Rico\","
                + "\"tuning\":{\"role\":\"R\",\"description\":\"D\",\"fields\":[{\"key\":\"prompts.system\",\"default\":\"Be precise.\"}]}}");
        JsonNode tuning = Json.tree(mapped(agent(AG, "x", p, null)).row().get("tuning_json"));
        assertEquals("Be precise.", tuning.path("values").path("prompts.system").asText());
    }

    @Test
    void aMissingRoleOrDescriptionIsTheDisplayNameAndNoPromptMeansNoValue() {
        owner("team:" + T, AG);
        Mapped m = mapped(agent(AG, "Helper", payload("{\"type\":\"agent\",\"definition_ref\":\"v2.react.basic\"}"), null));
        JsonNode tuning = Json.tree(m.row().get("tuning_json"));
        assertEquals("Helper", tuning.path("role").asText());
        assertEquals("Helper", tuning.path("description").asText());
        assertEquals(0, tuning.path("values").size());
        assertNull(m.row().get("description"));
    }

    @Test
    void theDisplayNameIsTheRowNameElseThePayloadNameElseTheIdAtMost255Characters() {
        owner("team:" + T, AG);
        assertEquals("Row", mapped(agent(AG, "Row", basic().put("name", "Payload"), null)).row().get("display_name"));
        assertEquals("Payload", mapped(agent(AG, null, basic().put("name", "Payload"), null)).row().get("display_name"));
        assertEquals(AG, mapped(agent(AG, " ", basic(), null)).row().get("display_name"));
        String longName = "é".repeat(300);
        assertEquals("é".repeat(255), mapped(agent(AG, longName, basic(), null)).row().get("display_name"));
    }

    @Test
    void theDescriptionColumnIsAtMost500Characters() {
        owner("team:" + T, AG);
        ObjectNode p = basic();
        ((ObjectNode) p.get("tuning")).put("description", "x".repeat(600));
        Mapped m = mapped(agent(AG, "x", p, null));
        assertEquals(500, ((String) m.row().get("description")).length());
        assertEquals(600, Json.tree(m.row().get("tuning_json")).path("description").asText().length(), "the tuning keeps it whole");
    }

    @Test
    void enabledDefaultsToTrue() {
        owner("team:" + T, AG);
        assertEquals(true, mapped(agent(AG, "x", payload("{\"definition_ref\":\"v2.react.basic\"}"), null)).row().get("enabled"));
        assertEquals(false, mapped(agent(AG, "x", basic().put("enabled", false), null)).row().get("enabled"));
    }

    @Test
    void timestampsAndUpdatedByAreCarried() {
        owner("team:" + T, AG);
        Row r = Row.of("id", AG, "name", "x", "payload_json", basic(), "created_at", "2026-06-02T09:14:07+00:00", "updated_at", "2026-07-01T16:40:11+00:00",
                "created_by", A, "updated_by", B);
        Mapped m = mapped(r);
        assertEquals("2026-06-02T09:14:07+00:00", m.row().get("created_at"));
        assertEquals("2026-07-01T16:40:11+00:00", m.row().get("updated_at"));
        assertEquals(B, m.row().get("updated_by"));
    }
}
