package dev.ferry.tests.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows in every table Ferry must leave behind (docs/reference/fred-stores.md §1.2): sessions and their history, attachments and
 * purge queue, feedback, tasks, the KF scheduler, writable documents and the LangGraph checkpoints.
 */
final class SkippedTablesGenerator {
    private final Draw draw;

    SkippedTablesGenerator(Draw draw) {
        this.draw = draw;
    }

    List<SqlTable> tables(List<KeaUser> users, List<String> agentIds, List<String> documentUids) {
        int sessionCount = Math.max(3, users.size() / 5);
        List<List<Object>> sessions = new ArrayList<>();
        List<List<Object>> history = new ArrayList<>();
        List<List<Object>> attachments = new ArrayList<>();
        List<List<Object>> purge = new ArrayList<>();
        List<List<Object>> feedbacks = new ArrayList<>();
        List<List<Object>> writable = new ArrayList<>();
        List<List<Object>> checkpoints = new ArrayList<>();
        List<List<Object>> blobs = new ArrayList<>();
        List<List<Object>> writes = new ArrayList<>();
        for (int s = 0; s < sessionCount; s++) {
            KeaUser user = draw.pick(users);
            String sessionId = draw.uuid();
            String agentId = agentIds.isEmpty() ? null : draw.pick(agentIds);
            String teamId = draw.chance(0.5) ? draw.pick(user.teamIds()) : "personal";
            var created = draw.time();
            ObjectNode data = Draw.object().put("id", sessionId).put("user_id", user.id()).put("team_id", teamId)
                    .put("title", "Question sur " + draw.pick(Names.DOCUMENT_STEMS));
            sessions.add(Row.of(sessionId, user.id(), agentId, Draw.text(data), draw.after(created), teamId, created));
            String exchange = draw.uuid();
            for (int rank = 0; rank < 4; rank++) {
                ObjectNode part = Draw.object().put("type", "text").put("text", rank % 2 == 0
                        ? "Quelle est la politique de télétravail ?" : "Selon la charte, trois jours par semaine.");
                history.add(Row.of(sessionId, user.id(), rank, created.plusSeconds(rank * 7L),
                        rank % 2 == 0 ? "user" : "assistant", "final", exchange, Draw.text(Draw.array().add(part)),
                        Draw.text(Draw.object().put("model", "mistral-medium")), created, created));
            }
            if (s % 3 == 0) {
                attachments.add(Row.of(sessionId, draw.uuid(), "pièce jointe.pdf", "application/pdf",
                        draw.between(1000, 900000), "Résumé de la pièce jointe.",
                        documentUids.isEmpty() ? null : draw.pick(documentUids), created, created));
            }
            if (s % 4 == 0) {
                purge.add(Row.of(sessionId, teamId, user.id(), created.plusDays(90), "pending", created, created));
            }
            if (s % 2 == 0 && agentId != null) {
                feedbacks.add(Row.of(draw.uuid(), sessionId, exchange, agentId, draw.between(1, 5),
                        draw.chance(0.5) ? "Réponse utile" : null, created, user.id(), created));
            }
            if (s % 4 == 1) {
                writable.add(Row.of(sessionId, draw.uuid(), "Brouillon de note", "# Note\n\nÀ compléter.", user.id(),
                        created, created));
            }
            if (s % 2 == 1) {
                String checkpoint = draw.uuid();
                checkpoints.add(Row.of(sessionId, "", checkpoint, null, "msgpack", draw.hex(48),
                        Draw.text(Draw.object().put("step", 1)), created));
                blobs.add(Row.of(sessionId, "", "messages", "1", "msgpack", draw.hex(64)));
                blobs.add(Row.of(sessionId, "", "__start__", "1", "empty", null));
                writes.add(Row.of(sessionId, "", checkpoint, draw.uuid(), 0, "messages", "msgpack", draw.hex(32), ""));
            }
        }
        List<List<Object>> tasks = new ArrayList<>();
        for (int t = 0; t < Math.max(2, users.size() / 20); t++) {
            KeaUser user = draw.pick(users);
            var created = draw.time();
            tasks.add(Row.of(draw.uuid(), user.id(), agentIds.isEmpty() ? "Rico" : draw.pick(agentIds),
                    "Analyse les contrats du trimestre", "wf-" + draw.hex32(), draw.hex(8),
                    draw.chance(0.7) ? "COMPLETED" : "FAILED", created, draw.after(created), "{}",
                    Draw.text(Draw.object().put("quarter", "Q2")), "terminé", 100.0, null, "[]", null));
        }
        List<List<Object>> scheduler = new ArrayList<>();
        for (int w = 0; w < Math.max(2, documentUids.size() / 50); w++) {
            var created = draw.time();
            scheduler.add(Row.of("ingest-" + draw.hex32(), draw.pick(documentUids), "rapport trimestriel.pdf",
                    draw.chance(0.8) ? "COMPLETED" : "FAILED", null, created, draw.after(created)));
        }
        return List.of(
                Row.table("session", Row.columns("session_id", SqlType.TEXT, "user_id", SqlType.TEXT, "agent_id",
                        SqlType.TEXT, "session_data", SqlType.JSONB, "updated_at", SqlType.TIMESTAMPTZ, "team_id",
                        SqlType.TEXT, "created_at", SqlType.TIMESTAMPTZ), sessions),
                Row.table("session_history", Row.columns("session_id", SqlType.TEXT, "user_id", SqlType.TEXT, "rank",
                        SqlType.INTEGER, "timestamp", SqlType.TIMESTAMPTZ, "role", SqlType.TEXT, "channel",
                        SqlType.TEXT, "exchange_id", SqlType.TEXT, "parts_json", SqlType.JSONB, "metadata_json",
                        SqlType.JSONB, "created_at", SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), history),
                Row.table("session_attachments", Row.columns("session_id", SqlType.TEXT, "attachment_id", SqlType.TEXT,
                        "name", SqlType.TEXT, "mime", SqlType.TEXT, "size_bytes", SqlType.INTEGER, "summary_md",
                        SqlType.TEXT, "document_uid", SqlType.TEXT, "created_at", SqlType.TIMESTAMPTZ, "updated_at",
                        SqlType.TIMESTAMPTZ), attachments),
                Row.table("session_purge_queue", Row.columns("session_id", SqlType.TEXT, "team_id", SqlType.TEXT,
                        "user_id", SqlType.TEXT, "due_at", SqlType.TIMESTAMPTZ, "status", SqlType.TEXT, "created_at",
                        SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), purge),
                Row.table("feedbacks", Row.columns("id", SqlType.TEXT, "session_id", SqlType.TEXT, "message_id",
                        SqlType.TEXT, "agent_id", SqlType.TEXT, "rating", SqlType.INTEGER, "comment", SqlType.TEXT,
                        "created_at", SqlType.TIMESTAMPTZ, "user_id", SqlType.TEXT, "updated_at", SqlType.TIMESTAMPTZ),
                        feedbacks),
                Row.table("tasks", Row.columns("task_id", SqlType.TEXT, "user_id", SqlType.TEXT, "target_agent",
                        SqlType.TEXT, "request_text", SqlType.TEXT, "workflow_id", SqlType.TEXT, "run_id",
                        SqlType.TEXT, "status", SqlType.TEXT, "created_at", SqlType.TIMESTAMPTZ, "updated_at",
                        SqlType.TIMESTAMPTZ, "context_json", SqlType.JSONB, "parameters_json", SqlType.JSONB,
                        "last_message", SqlType.TEXT, "percent_complete", SqlType.DOUBLE, "blocked_json",
                        SqlType.JSONB, "artifacts_json", SqlType.JSONB, "error_json", SqlType.JSONB), tasks),
                Row.table("sched_workflow_tasks", Row.columns("workflow_id", SqlType.TEXT, "current_document_uid",
                        SqlType.TEXT, "current_filename", SqlType.TEXT, "status", SqlType.TEXT, "last_error",
                        SqlType.TEXT, "created_at", SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), scheduler),
                Row.table("writable_documents", Row.columns("session_id", SqlType.TEXT, "document_id", SqlType.TEXT,
                        "title", SqlType.TEXT, "content_md", SqlType.TEXT, "updated_by", SqlType.TEXT, "created_at",
                        SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), writable),
                Row.table("v2_langgraph_checkpoint", Row.columns("thread_id", SqlType.TEXT, "checkpoint_ns",
                        SqlType.TEXT, "checkpoint_id", SqlType.TEXT, "parent_checkpoint_id", SqlType.TEXT,
                        "checkpoint_type", SqlType.TEXT, "checkpoint_blob", SqlType.BYTEA, "metadata_json",
                        SqlType.JSONB, "created_at", SqlType.TIMESTAMPTZ), checkpoints),
                Row.table("v2_langgraph_checkpoint_blob", Row.columns("thread_id", SqlType.TEXT, "checkpoint_ns",
                        SqlType.TEXT, "channel", SqlType.TEXT, "version", SqlType.TEXT, "value_type", SqlType.TEXT,
                        "value_blob", SqlType.BYTEA), blobs),
                Row.table("v2_langgraph_checkpoint_write", Row.columns("thread_id", SqlType.TEXT, "checkpoint_ns",
                        SqlType.TEXT, "checkpoint_id", SqlType.TEXT, "task_id", SqlType.TEXT, "idx", SqlType.INTEGER,
                        "channel", SqlType.TEXT, "value_type", SqlType.TEXT, "value_blob", SqlType.BYTEA, "task_path",
                        SqlType.TEXT), writes));
    }
}
