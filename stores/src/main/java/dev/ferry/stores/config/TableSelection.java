package dev.ferry.stores.config;

import java.util.List;

/**
 * Which tables are carried (runbook §1.3) and which are knowingly left behind. Tables in neither list are skipped too;
 * the skip list only makes the plan say so explicitly.
 */
public record TableSelection(List<String> carry, List<String> skip) implements ConfigSection {
    public static final List<String> DEFAULT_CARRY = List.of("agent", "tag", "metadata", "resource", "teammetadata", "users");
    public static final List<String> DEFAULT_SKIP = List.of("session", "session_history", "session_attachments",
            "session_purge_queue", "feedbacks", "tasks", "sched_workflow_tasks", "writable_documents", "mcp-server",
            "v2_langgraph_checkpoint", "v2_langgraph_checkpoint_blob", "v2_langgraph_checkpoint_write");

    public TableSelection {
        carry = carry == null ? DEFAULT_CARRY : List.copyOf(carry);
        skip = skip == null ? DEFAULT_SKIP : List.copyOf(skip);
    }

    public static TableSelection defaults() {
        return new TableSelection(null, null);
    }

    @Override
    public void validate(ConfigKeys keys) {
        keys.require(carry, "carry");
        for (String table : carry) {
            if (skip.contains(table)) {
                throw keys.invalid("skip", "lists '" + table + "', which tables.carry also lists",
                        "Keep '" + table + "' in one list only.");
            }
        }
        if (carry.stream().distinct().count() != carry.size()) {
            throw keys.invalid("carry", "lists a table twice", "List each table once.");
        }
    }
}
