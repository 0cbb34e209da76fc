package dev.ferry.importer.upgrade.rows;

import static dev.ferry.importer.upgrade.rows.ColumnSource.copy;
import static dev.ferry.importer.upgrade.rows.ColumnSource.derived;
import static dev.ferry.importer.upgrade.rows.ColumnSource.fixed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.importer.upgrade.Json;
import dev.ferry.importer.upgrade.Text;
import dev.ferry.importer.upgrade.UniqueNames;
import dev.ferry.importer.upgrade.Uuids;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import dev.ferry.importer.upgrade.tuples.PersonalTeams;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kea chat-context resources become swift prompts in their author's personal team (#1954, docs/reference/fred-stores.md §5.5).
 * Prompt and template resources are not converted (#1954 only warns about them); they are still copied as resources.
 *
 * <p>Prompt names are unique per team ({@code uq_prompt_team_name}): a clash gets {@code " (<first 8 chars of the
 * id>)"}. That makes the name of a prompt depend on the chat contexts read before it, so one instance must see every
 * chat context in {@code resource_id} order, from the first, on every run: a resumed run re-maps them all (they are
 * few) and the upsert rewrites the same rows. The names seen so far are held per team, one entry per chat context.
 */
public final class ChatContextPrompts {
    public static final String CHAT_CONTEXT = "chat-context";
    static final String SEPARATOR = "\n---\n";

    /** The declarative part; {@link #map} adds the per-team name de-duplication. */
    public static final RowMapper MAPPER = new RowMapper("resource", List.of("resource_id"), SwiftSchema.PROMPT,
            List.of(
                    new SkipRule("not a chat context: only chat contexts become prompts (prompt and template resources are copied as resources only)",
                            List.of("resource_type"), r -> !CHAT_CONTEXT.equals(r.text("resource_type"))),
                    new SkipRule("a chat context whose author is not a Keycloak sub: it has no personal team to go to",
                            List.of("author"), r -> !Uuids.isDashed(r.text("author")))),
            List.of(
                    new ColumnMapping("prompt_id", copy("resource_id")),
                    new ColumnMapping("team_id", derived("personal-<author>", r -> PersonalTeams.teamId(r.text("author")), "author")),
                    new ColumnMapping("name", derived("resource_name (else doc.name, else the id), at most 255 characters",
                            ChatContextPrompts::name, "resource_name", "resource_id", "doc")),
                    new ColumnMapping("description", derived("doc.description, at most 500 characters",
                            r -> Text.truncate(Json.textField(Json.tree(r.get("doc")), "description"), 500), "doc")),
                    new ColumnMapping("category", fixed("other")),
                    new ColumnMapping("tags", derived("doc.labels", ChatContextPrompts::labels, "doc")),
                    new ColumnMapping("text", derived("doc.content after the first line '---'", r -> body(Json.tree(r.get("doc"))), "doc")),
                    new ColumnMapping("created_by", copy("author")),
                    new ColumnMapping("version", fixed(1)),
                    new ColumnMapping("created_at", copy("created_at")),
                    new ColumnMapping("updated_at", copy("updated_at"))));

    private final Map<String, UniqueNames> namesByTeam = new HashMap<>();

    /** Maps one kea resource row, read in {@code resource_id} order. */
    public RowOutcome map(Row resource) {
        RowOutcome outcome = MAPPER.map(resource);
        if (!(outcome instanceof RowOutcome.Write w)) {
            return outcome;
        }
        TargetRow row = w.row();
        String team = (String) row.get("team_id");
        String base = (String) row.get("name");
        String unique = namesByTeam.computeIfAbsent(team, t -> new UniqueNames(255)).claim(base, (String) row.get("prompt_id"));
        return unique.equals(base) ? outcome : new RowOutcome.Write(row.with("name", unique));
    }

    private static Object name(Row r) {
        String name = r.text("resource_name");
        if (Text.isBlank(name)) {
            name = Json.textField(Json.tree(r.get("doc")), "name");
        }
        return Text.truncate(Text.isBlank(name) ? r.text("resource_id") : name, 255);
    }

    private static Object labels(Row r) {
        JsonNode doc = Json.tree(r.get("doc"));
        JsonNode labels = doc == null ? null : doc.get("labels");
        return labels != null && labels.isArray() ? Json.text(labels) : "[]";
    }

    /** The body after the YAML header; the whole content if it has no header line; empty if there is no content. */
    static String body(JsonNode doc) {
        JsonNode content = doc == null ? null : doc.get("content");
        if (content == null || !content.isTextual()) {
            return "";
        }
        String text = content.asText();
        int at = text.indexOf(SEPARATOR);
        return at < 0 ? text : text.substring(at + SEPARATOR.length());
    }
}
