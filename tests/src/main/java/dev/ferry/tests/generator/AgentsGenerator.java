package dev.ferry.tests.generator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code agent} table (UUID team and personal agents, catalog agents with short ids, the seed row) with the
 * owner tuples, and the deployment-seeded {@code "mcp-server"} rows.
 */
final class AgentsGenerator {
    static final String SEED_ROW = "__static_seeded__";
    private static final String V1 = "agentic_backend.agents.v1.production.";
    /** Templates by share: mapped (most), ignored samples, gaps, and a v1 class_path for each v1 expert. */
    private static final List<String> DEFINITIONS = List.of("v2.react.basic", "v2.react.basic", "v2.react.basic",
            "v2.react.basic", "v2.react.basic", "v2.react.basic", "v2.production.sql_analyst",
            "class:" + V1 + "rags.rag_expert.Rico", "class:" + V1 + "tabular.tabular_expert.Tessa",
            "class:" + V1 + "prometheus.prometheus_expert.Spot", "v2.sample.bank_transfer",
            "v2.production.dva_risk_validator.graph", "v2.deep.basic", "v2.sample.slide_maker");

    private final Draw draw;

    AgentsGenerator(Draw draw) {
        this.draw = draw;
    }

    /** The agents table; also records each UUID agent's owner tuple and fills {@code agentIds}. */
    SqlTable agents(List<KeaUser> users, int agentsPerUser, List<String> libraryTagIds, TupleSet tuples,
            List<String> agentIds) {
        List<List<Object>> rows = new ArrayList<>();
        for (KeaUser user : users) {
            for (int n = 0; n < agentsPerUser; n++) {
                String id = draw.uuid();
                String teamId = draw.chance(0.4) ? draw.pick(user.teamIds()) : null;
                String name = draw.pick(Names.AGENT_NAMES) + (draw.chance(0.5) ? "" : " " + (n + 1));
                boolean leader = draw.chance(0.01);
                String definition = draw.chance(0.02) ? null : draw.pick(DEFINITIONS);
                var created = draw.time();
                rows.add(Row.of(id, name, Draw.text(payload(id, name, teamId, definition, leader, libraryTagIds)),
                        created, draw.after(created), user.id(), draw.chance(0.9) ? user.id() : null));
                tuples.add(teamId == null ? TupleSet.user(user) : TupleSet.team(teamId), "owner", "agent:" + id);
                agentIds.add(id);
            }
        }
        catalog("Rico", "class:" + V1 + "rags.rag_expert.Rico", rows, libraryTagIds);
        catalog("Tessa", "class:" + V1 + "tabular.tabular_expert.Tessa", rows, libraryTagIds);
        catalog("Spot", "class:" + V1 + "prometheus.prometheus_expert.Spot", rows, libraryTagIds);
        catalog("SQL Agent", "v2.production.sql_analyst", rows, libraryTagIds);
        catalog("BankTransfer", "v2.sample.bank_transfer", rows, libraryTagIds);
        catalog("DVARiskValidatorGraph", "v2.production.dva_risk_validator.graph", rows, libraryTagIds);
        rows.add(Row.of(SEED_ROW, SEED_ROW, "{}", Draw.BACKFILL, Draw.BACKFILL, null, null));
        return Row.table("agent", Row.columns("id", SqlType.TEXT, "name", SqlType.TEXT, "payload_json", SqlType.JSONB,
                "created_at", SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ, "created_by", SqlType.TEXT,
                "updated_by", SqlType.TEXT), rows);
    }

    SqlTable mcpServers() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Row.of(SEED_ROW, "{}", Draw.BACKFILL, Draw.BACKFILL));
        for (String[] s : new String[][] {{"mcp-knowledge-flow-mcp-text", "Knowledge Flow text search",
                "http://knowledge-flow-backend:8111/knowledge-flow/v1/mcp-text"},
                {"mcp-knowledge-flow-opensearch-ops", "OpenSearch operations",
                        "http://knowledge-flow-backend:8111/knowledge-flow/v1/mcp-opensearch-ops"},
                {"mcp-prometheus", "Prometheus", "http://prometheus-mcp:8080/mcp"}}) {
            ObjectNode p = Draw.object().put("id", s[0]).put("name", s[1]).put("transport", "streamable_http")
                    .put("url", s[2]).put("enabled", true);
            p.set("auth", Draw.object().put("mode", "user_token"));
            rows.add(Row.of(s[0], Draw.text(p), Draw.BACKFILL, draw.after(Draw.BACKFILL)));
        }
        return Row.table("mcp-server", Row.columns("server_id", SqlType.TEXT, "payload_json", SqlType.JSONB,
                "created_at", SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), rows);
    }

    private void catalog(String id, String definition, List<List<Object>> rows, List<String> libraryTagIds) {
        var created = draw.time();
        rows.add(Row.of(id, id, Draw.text(payload(id, id, null, definition, false, libraryTagIds)), created,
                draw.after(created), null, null));
    }

    /** {@code AgentSettings} dumped with nulls omitted (docs/reference/fred-stores.md §1.1). */
    private ObjectNode payload(String id, String name, String teamId, String definition, boolean leader,
            List<String> libraryTagIds) {
        ObjectNode p = Draw.object().put("id", id).put("name", name).put("type", leader ? "leader" : "agent");
        if (teamId != null) {
            p.put("team_id", teamId);
        }
        p.put("enabled", draw.chance(0.92));
        boolean v1 = definition != null && definition.startsWith("class:");
        if (v1) {
            p.put("class_path", definition.substring("class:".length()));
        } else if (definition != null) {
            p.put("definition_ref", definition);
        }
        ObjectNode tuning = p.putObject("tuning");
        tuning.put("role", name + " assistant").put("description", "Répond aux questions sur " + name.toLowerCase());
        tuning.set("tags", Draw.array(List.of(draw.pick(Names.DEPARTMENTS))));
        ArrayNode fields = tuning.putArray("fields");
        if (v1) {
            fields.add(field("prompts.system", "prompt", "You are " + name + ". Answer from the corpus only."));
        } else {
            fields.add(field("react_profile_id", "select", "default").set("enum",
                    Draw.array(List.of("default", "concise", "analyst"))));
            fields.add(field("system_prompt_template", "prompt",
                    "Tu es " + name + ". Réponds en français, cite tes sources."));
            fields.add(Draw.object().put("key", "enable_tool_approval").put("type", "boolean")
                    .put("title", "Approve tools").put("required", false).put("default", draw.chance(0.3)));
            fields.add(Draw.object().put("key", "approval_required_tools").put("type", "array")
                    .put("item_type", "string").put("title", "Tools needing approval").put("required", false)
                    .set("default", Draw.array()));
        }
        ArrayNode servers = tuning.putArray("mcp_servers");
        if (!libraryTagIds.isEmpty() && draw.chance(0.6)) {
            ObjectNode params = Draw.object().put("provider", "kf_vector_search");
            params.set("document_library_tags_ids", Draw.array(List.of(draw.pick(libraryTagIds))));
            params.put("attach_files", true).put("libraries_selection", true);
            servers.add(Draw.object().put("id", "mcp-knowledge-flow-mcp-text").<ObjectNode>set("require_tools",
                    Draw.array()).set("params", params));
        }
        ObjectNode chat = p.putObject("chat_options");
        for (String option : List.of("attach_files", "libraries_selection", "search_policy_selection",
                "temperature_selection", "include_corpus_in_search", "deep_search_delegate", "search_rag_scoping",
                "documents_selection")) {
            chat.put(option, draw.chance(0.5));
        }
        p.putArray("mcp_servers");
        return p;
    }

    private static ObjectNode field(String key, String type, String value) {
        ObjectNode f = Draw.object().put("key", key).put("type", type).put("title", "agentTuning.fields." + key + ".title")
                .put("required", true).put("default", value);
        f.set("ui", Draw.object().put("multiline", "prompt".equals(type)).put("markdown", "prompt".equals(type)));
        return f;
    }
}
