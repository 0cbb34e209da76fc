package dev.ferry.tests.generator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The knowledge base: nested tags (libraries) owned by teams or users and their sharing, the documents filed in
 * them ({@code metadata}), and the prompt/template/chat-context {@code resource}s, with the tuples that link them.
 */
final class KnowledgeGenerator {
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final String[][] FILE_TYPES = {{"pdf", "application/pdf"},
            {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
            {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
            {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, {"csv", "text/csv"},
            {"md", "text/markdown"}, {"html", "text/html"}, {"txt", "text/plain"}, {"pdf", "application/pdf"},
            {"pdf", "application/pdf"}, {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};

    private final Draw draw;

    KnowledgeGenerator(Draw draw) {
        this.draw = draw;
    }

    /** A tag as generated: {@code ownerRef} is the tuple subject ({@code team:…} or {@code user:…}). */
    record Tag(String id, String ownerId, String ownerRef, String name, String path, String type) {
        String fullPath() {
            return path == null ? name : path + "/" + name;
        }
    }

    /** A document before its objects are sized. */
    record Document(String uid, String fileName, String fileType, String mimeType, List<Tag> tags, boolean preview,
            List<String> media) {
    }

    /**
     * Per team: a three-level document library, a second root, a prompt and a template library. Per some users: a
     * personal document library and a chat-context library. A tenth of the tags are shared (editor/viewer).
     */
    List<Tag> tags(List<KeaTeam> teams, List<KeaUser> users, TupleSet tuples) {
        List<Tag> tags = new ArrayList<>();
        for (KeaTeam team : teams) {
            String owner = TupleSet.team(team.id());
            Tag root = tag(tags, team.id(), owner, "Policies", null, "document", tuples, null);
            Tag child = tag(tags, team.id(), owner, draw.pick(Names.TAG_NAMES), root.fullPath(), "document", tuples, root);
            tag(tags, team.id(), owner, "2026", child.fullPath(), "document", tuples, child);
            tag(tags, team.id(), owner, draw.pick(Names.TAG_NAMES) + " " + team.name(), null, "document", tuples, null);
            tag(tags, team.id(), owner, "Prompts " + team.name(), null, "prompt", tuples, null);
            tag(tags, team.id(), owner, "Modèles", null, "template", tuples, null);
        }
        for (KeaUser user : users) {
            String owner = TupleSet.user(user);
            if (draw.chance(0.3)) {
                tag(tags, user.id(), owner, "Mes documents", null, "document", tuples, null);
            }
            if (draw.chance(0.1)) {
                tag(tags, user.id(), owner, "Contextes", null, "chat-context", tuples, null);
            }
        }
        for (Tag tag : tags) {
            if (draw.chance(0.1)) {
                KeaUser with = draw.pick(users);
                tuples.add(draw.chance(0.3) ? TupleSet.team(draw.pick(with.teamIds())) : TupleSet.user(with),
                        draw.chance(0.5) ? "editor" : "viewer", "tag:" + tag.id());
            }
        }
        return tags;
    }

    SqlTable tagTable(List<Tag> tags) {
        List<List<Object>> rows = new ArrayList<>();
        for (Tag tag : tags) {
            var created = draw.time();
            var updated = draw.after(created);
            String description = draw.chance(0.7) ? "Bibliothèque « " + tag.name() + " »" : null;
            ObjectNode doc = Draw.object().put("id", tag.id()).put("created_at", created.format(NAIVE))
                    .put("updated_at", updated.format(NAIVE)).put("owner_id", tag.ownerId()).put("name", tag.name())
                    .put("path", tag.path()).put("description", description).put("type", tag.type());
            rows.add(Row.of(tag.id(), created, updated, tag.ownerId(), tag.name(), tag.path(), description, tag.type(),
                    Draw.text(doc)));
        }
        return Row.table("tag", Row.columns("tag_id", SqlType.TEXT, "created_at", SqlType.TIMESTAMPTZ, "updated_at",
                SqlType.TIMESTAMPTZ, "owner_id", SqlType.TEXT, "name", SqlType.TEXT, "path", SqlType.TEXT,
                "description", SqlType.TEXT, "type", SqlType.TEXT, "doc", SqlType.JSONB), rows);
    }

    /** Documents filed in one document tag, a tenth in two; each tag link is a {@code parent} tuple. */
    List<Document> documents(int count, List<Tag> tags, TupleSet tuples) {
        List<Tag> libraries = tags.stream().filter(t -> t.type().equals("document")).toList();
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uid = draw.hex32();
            String[] type = draw.pick(FILE_TYPES);
            String fileName = draw.pick(Names.DOCUMENT_STEMS) + (draw.chance(0.3) ? " (" + (i % 7 + 1) + ")" : "")
                    + "." + type[0];
            if (i == 0) {
                // The first document's upload is the object larger than a volume (ObjectPlanner): a scanned archive.
                type = FILE_TYPES[0];
                fileName = "Rapport annuel — archive complète scannée.pdf";
            }
            List<Tag> in = new ArrayList<>(List.of(draw.pick(libraries)));
            if (draw.chance(0.1)) {
                Tag second = draw.pick(libraries);
                if (!in.contains(second)) {
                    in.add(second);
                }
            }
            in.forEach(t -> tuples.add("tag:" + t.id(), "parent", "document:" + uid));
            boolean preview = draw.chance(0.9);
            List<String> media = new ArrayList<>();
            if (preview && draw.chance(0.2)) {
                for (int m = 1; m <= draw.between(1, 3); m++) {
                    media.add("image_" + m + ".png");
                }
            }
            documents.add(new Document(uid, fileName, type[0], type[1], List.copyOf(in), preview, List.copyOf(media)));
        }
        return documents;
    }

    /** {@code DocumentMetadata} rows; file sizes come from the sized input objects. */
    SqlTable metadataTable(List<Document> documents, Map<String, Long> inputSizes) {
        List<List<Object>> rows = new ArrayList<>();
        String[] statuses = {"not_started", "in_progress", "done", "failed"};
        for (Document d : documents) {
            var added = draw.time();
            List<String> tagIds = d.tags().stream().map(Tag::id).toList();
            String sourceTag = draw.chance(0.9) ? "fred" : "shared-drive";
            ObjectNode doc = Draw.object();
            doc.putObject("identity").put("document_name", d.fileName()).put("document_uid", d.uid())
                    .put("canonical_name", d.fileName()).put("version", 0)
                    .put("title", d.fileName().replaceFirst("\\.[a-z]+$", ""))
                    .put("author", draw.chance(0.5) ? draw.pick(Names.FIRST) + " " + draw.pick(Names.LAST) : null)
                    .put("created", added.format(NAIVE)).put("modified", added.format(NAIVE));
            doc.putObject("source").put("source_type", sourceTag.equals("fred") ? "push" : "pull")
                    .put("source_tag", sourceTag).put("retrievable", true).put("date_added_to_kb", added.format(NAIVE))
                    .put("pull_location", sourceTag.equals("fred") ? null : "/partages/" + d.fileName());
            doc.putObject("file").put("file_type", d.fileType()).put("mime_type", d.mimeType())
                    .put("file_size_bytes", inputSizes.get(d.uid()))
                    .put("page_count", d.fileType().equals("pdf") ? draw.between(1, 120) : null)
                    .put("sha256", draw.hex(32)).put("language", draw.chance(0.7) ? "fr" : "en");
            if (draw.chance(0.5)) {
                doc.putObject("summary").put("abstract", "Synthèse : " + d.fileName() + " décrit les règles applicables.")
                        .set("keywords", Draw.array(List.of("politique", "2026")));
            }
            ObjectNode tagsNode = doc.putObject("tags");
            tagsNode.set("tag_ids", Draw.array(tagIds));
            tagsNode.set("tag_names", Draw.array(d.tags().stream().map(Tag::name).toList()));
            ObjectNode access = doc.putObject("access").put("license", draw.chance(0.2) ? "internal" : null)
                    .put("confidential", draw.chance(0.15));
            access.putArray("acl");
            ObjectNode processing = doc.putObject("processing");
            ObjectNode stages = processing.putObject("stages");
            stages.put("raw", "done").put("preview", d.preview() ? "done" : draw.pick(statuses));
            stages.put("vector", draw.chance(0.85) ? "done" : draw.pick(statuses));
            if (d.fileType().equals("csv") || d.fileType().equals("xlsx")) {
                stages.put("sql", draw.pick(statuses));
            }
            if (draw.chance(0.05)) {
                stages.put("mcp", "not_started");
            }
            ObjectNode errors = processing.putObject("errors");
            if (stages.path("vector").asText().equals("failed")) {
                errors.put("vector", "OpenSearch bulk insert timed out");
            }
            if (draw.chance(0.3)) {
                processing.put("workflow_id", "ingest-" + d.uid());
            }
            doc.put("preview_url", d.preview() ? "/knowledge-flow/v1/markdown/" + d.uid() : null);
            doc.put("viewer_url", "/knowledge-flow/v1/raw_content/" + d.uid());
            doc.putObject("extensions");
            rows.add(Row.of(d.uid(), sourceTag, added, tagIds, Draw.text(doc), added, draw.after(added)));
        }
        return Row.table("metadata", Row.columns("document_uid", SqlType.TEXT, "source_tag", SqlType.TEXT,
                "date_added_to_kb", SqlType.TIMESTAMPTZ, "tag_ids", SqlType.VARCHAR_ARRAY, "doc", SqlType.JSONB,
                "created_at", SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), rows);
    }

    /** Prompts, templates and chat contexts filed in libraries of their kind; content is YAML, {@code ---}, body. */
    SqlTable resources(int count, List<Tag> tags, List<KeaUser> users, TupleSet tuples) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> kinds = List.of("prompt", "template", "chat-context");
        for (int i = 0; i < count; i++) {
            String kind = kinds.get(i % kinds.size());
            List<Tag> libraries = tags.stream().filter(t -> t.type().equals(kind)).toList();
            String id = draw.uuid();
            KeaUser author = draw.pick(users);
            String name = draw.pick(Names.RESOURCE_NAMES) + (i < Names.RESOURCE_NAMES.size() ? "" : " " + i);
            var created = draw.time();
            var updated = draw.after(created);
            String body = switch (kind) {
                case "prompt" -> "Résume le document suivant en cinq points :\n\n{document}";
                case "template" -> "# Compte rendu\n\n## Participants\n{participants}\n\n## Décisions\n{decisions}";
                default -> "Always answer in formal French.";
            };
            String content = "version: v1\nkind: " + kind + "\nname: " + name + "\n---\n" + body;
            List<String> libraryTags = libraries.isEmpty() ? List.of() : List.of(draw.pick(libraries).id());
            libraryTags.forEach(t -> tuples.add("tag:" + t, "parent", "resource:" + id));
            ObjectNode doc = Draw.object().put("id", id).put("kind", kind).put("version", "v1").put("name", name)
                    .put("description", draw.chance(0.6) ? "Ressource partagée : " + name : null);
            doc.set("labels", Draw.array(List.of(draw.pick(List.of("style", "rh", "juridique", "synthèse")))));
            doc.put("author", author.id()).put("created_at", created.format(NAIVE)).put("updated_at", updated.format(NAIVE))
                    .put("content", content);
            doc.set("library_tags", Draw.array(libraryTags));
            rows.add(Row.of(id, name, kind, author.id(), Draw.text(doc), created, updated));
        }
        return Row.table("resource", Row.columns("resource_id", SqlType.TEXT, "resource_name", SqlType.TEXT,
                "resource_type", SqlType.TEXT, "author", SqlType.TEXT, "doc", SqlType.JSONB, "created_at",
                SqlType.TIMESTAMPTZ, "updated_at", SqlType.TIMESTAMPTZ), rows);
    }

    private Tag tag(List<Tag> tags, String ownerId, String ownerRef, String name, String path, String type,
            TupleSet tuples, Tag parent) {
        Tag tag = new Tag(draw.uuid(), ownerId, ownerRef, name, path, type);
        tuples.add(ownerRef, "owner", "tag:" + tag.id());
        if (parent != null) {
            tuples.add("tag:" + parent.id(), "parent", "tag:" + tag.id());
        }
        tags.add(tag);
        return tag;
    }
}
