package dev.ferry.importer.upgrade.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.upgrade.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * swift's {@code ManagedAgentTuning} for a migrated agent, as #1954 builds it: the kea tuning's role, description and
 * tags, and its system prompt as {@code values["prompts.system"]}. The kea field specs are not carried (the swift
 * template declares its own), nor MCP servers or other tuned fields (MIGR-05.11 is open); {@link #notCarried} names
 * them for the plan.
 */
final class ManagedAgentTuning {
    /** The kea field keys that hold the system prompt: v2 {@code system_prompt_template}, v1 {@code prompts.system}. */
    static final List<String> SYSTEM_PROMPT_KEYS = List.of("system_prompt_template", "prompts.system");
    static final String SWIFT_SYSTEM_PROMPT_KEY = "prompts.system";

    private ManagedAgentTuning() {
    }

    /**
     * The tuning as swift stores it in {@code agent_instance.tuning_json}. {@code role} and {@code description} must
     * be at least one character, so the display name stands in for a missing one, as swift's importer does.
     */
    static String json(JsonNode keaTuning, String displayName) {
        ObjectNode t = Json.mapper().createObjectNode();
        String role = Json.textField(keaTuning, "role");
        String description = Json.textField(keaTuning, "description");
        t.put("role", role != null ? role : displayName);
        t.put("description", description != null ? description : displayName);
        t.put("usage_statement", "");
        ArrayNode tags = t.putArray("tags");
        JsonNode keaTags = keaTuning == null ? null : keaTuning.get("tags");
        if (keaTags != null && keaTags.isArray()) {
            keaTags.forEach(tag -> {
                if (tag.isTextual()) {
                    tags.add(tag.asText());
                }
            });
        }
        t.putArray("fields");
        t.putNull("selected_capability_ids");
        t.putObject("capability_config");
        ObjectNode values = t.putObject("values");
        String prompt = systemPrompt(keaTuning);
        if (prompt != null) {
            values.put(SWIFT_SYSTEM_PROMPT_KEY, prompt);
        }
        return Json.text(t);
    }

    /** The tuned value (the field's {@code default}) of the first system-prompt field, in key preference order. */
    static String systemPrompt(JsonNode keaTuning) {
        JsonNode fields = keaTuning == null ? null : keaTuning.get("fields");
        if (fields == null || !fields.isArray()) {
            return null;
        }
        for (String key : SYSTEM_PROMPT_KEYS) {
            for (JsonNode f : fields) {
                JsonNode value = f.get("default");
                if (key.equals(f.path("key").asText()) && value != null && value.isTextual()) {
                    return value.asText();
                }
            }
        }
        return null;
    }

    /** What of the kea agent the swift instance does not carry, by name only. */
    static List<String> notCarried(JsonNode payload) {
        JsonNode tuning = payload.path("tuning");
        List<String> notes = new ArrayList<>();
        if (tuning.path("mcp_servers").size() > 0 || payload.path("mcp_servers").size() > 0) {
            notes.add("its MCP servers are not carried: swift enables capabilities per team (MIGR-05.11)");
        }
        List<String> otherFields = new ArrayList<>();
        for (JsonNode f : tuning.path("fields")) {
            String key = f.path("key").asText();
            if (!SYSTEM_PROMPT_KEYS.contains(key) && f.has("default") && !f.get("default").isNull()) {
                otherFields.add(key);
            }
        }
        if (!otherFields.isEmpty()) {
            notes.add("tuned fields other than the system prompt are not carried: " + String.join(", ", otherFields));
        }
        return notes;
    }
}
