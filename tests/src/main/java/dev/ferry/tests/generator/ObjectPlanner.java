package dev.ferry.tests.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out the objects of all four buckets in kea's key layout (docs/reference/fred-stores.md §4) and shares the profile's total
 * object bytes among them: one object just over 1.5 volumes, a few empty ones, the rest log-normally sized.
 */
final class ObjectPlanner {
    private enum Kind { SIZED, EMPTY, LARGE }

    private record Slot(KeaBucket bucket, String key, String contentType, Map<String, String> metadata, Kind kind,
            double weight) {
    }

    private final Draw draw;
    private final List<Slot> slots = new ArrayList<>();

    ObjectPlanner(Draw draw) {
        this.draw = draw;
    }

    /** Raw upload, preview markdown and media of each document; the first is the large one, a few are empty. */
    void documents(List<KnowledgeGenerator.Document> documents) {
        for (int i = 0; i < documents.size(); i++) {
            KnowledgeGenerator.Document d = documents.get(i);
            Kind inputKind = i == 0 ? Kind.LARGE : i % 40 == 5 ? Kind.EMPTY : Kind.SIZED;
            add(KeaBucket.DOCUMENTS, d.uid() + "/input/" + d.fileName(), d.mimeType(),
                    Map.of("document-uid", d.uid()), inputKind);
            if (d.preview()) {
                add(KeaBucket.DOCUMENTS, d.uid() + "/output/output.md", "text/markdown", Map.of(), Kind.SIZED);
            }
            for (String media : d.media()) {
                add(KeaBucket.DOCUMENTS, d.uid() + "/output/media/" + media, "image/png", Map.of(),
                        i % 40 == 9 ? Kind.EMPTY : Kind.SIZED);
            }
        }
    }

    /** {@code teams/<team_id>/banner-<32hex>.<ext>}; returns the key per team for the teammetadata rows. */
    Map<String, String> banners(List<KeaTeam> teams) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (KeaTeam team : teams) {
            String ext = draw.chance(0.7) ? ".png" : ".jpg";
            String key = "teams/" + team.id() + "/banner-" + draw.hex32() + ext;
            add(KeaBucket.CONTROL_PLANE, key, ext.equals(".png") ? "image/png" : "image/jpeg", Map.of(), Kind.SIZED);
            keys.put(team.id(), key);
        }
        return keys;
    }

    /** KF assets, datasets and library summaries, and the filesystem workspace (users, agent configs). */
    void assets(List<KeaUser> users, List<String> agentIds, List<KnowledgeGenerator.Tag> tags) {
        for (int i = 0; i < agentIds.size(); i += 20) {
            add(KeaBucket.OBJECTS, "agents/" + agentIds.get(i) + "/avatar.png", "image/png", Map.of(), Kind.SIZED);
            add(KeaBucket.FILESYSTEM, "agents/" + agentIds.get(i) + "/config/settings.json", "application/json",
                    Map.of(), Kind.SIZED);
        }
        for (int i = 0; i < users.size(); i += 10) {
            KeaUser u = users.get(i);
            add(KeaBucket.OBJECTS, "users/" + u.id() + "/notes/Brouillon — idées été.md", "text/markdown", Map.of(),
                    Kind.SIZED);
            add(KeaBucket.FILESYSTEM, "users/" + u.id() + "/workspace/données brutes 2026.csv", "text/csv",
                    Map.of("owner", u.username()), Kind.SIZED);
            if (!agentIds.isEmpty()) {
                add(KeaBucket.FILESYSTEM, "agents/" + agentIds.get(i % agentIds.size()) + "/users/" + u.id()
                        + "/memory.json", "application/json", Map.of(), i % 30 == 0 ? Kind.EMPTY : Kind.SIZED);
            }
        }
        add(KeaBucket.OBJECTS, "tabular/datasets/ventes_2026.parquet", "application/vnd.apache.parquet", Map.of(),
                Kind.SIZED);
        add(KeaBucket.OBJECTS, "tabular/datasets/effectifs par site.parquet", "application/vnd.apache.parquet",
                Map.of(), Kind.SIZED);
        tags.stream().filter(t -> t.type().equals("document")).limit(5).forEach(t -> add(KeaBucket.OBJECTS,
                "libraries/" + t.id() + "/toc-summary.json", "application/json", Map.of(), Kind.SIZED));
    }

    /** Sizes every slot so the total is exactly {@code profile.objectBytes()}. */
    List<ObjectSpec> plan(Profile profile) {
        long large = profile.largeObjectSize();
        long share = profile.objectBytes() - large;
        double totalWeight = slots.stream().filter(s -> s.kind() == Kind.SIZED).mapToDouble(Slot::weight).sum();
        List<ObjectSpec> specs = new ArrayList<>();
        long given = 0;
        int firstSized = -1;
        for (Slot slot : slots) {
            long size = switch (slot.kind()) {
                case LARGE -> large;
                case EMPTY -> 0;
                case SIZED -> (long) Math.floor(share * (slot.weight() / totalWeight));
            };
            if (slot.kind() == Kind.SIZED) {
                given += size;
                if (firstSized < 0) {
                    firstSized = specs.size();
                }
            }
            specs.add(new ObjectSpec(slot.bucket(), slot.key(), size, slot.contentType(), slot.metadata(),
                    draw.random().nextLong()));
        }
        if (firstSized >= 0 && given < share) {
            ObjectSpec s = specs.get(firstSized);
            specs.set(firstSized, new ObjectSpec(s.bucket(), s.key(), s.size() + share - given, s.contentType(),
                    s.userMetadata(), s.seed()));
        }
        return List.copyOf(specs);
    }

    private void add(KeaBucket bucket, String key, String contentType, Map<String, String> metadata, Kind kind) {
        slots.add(new Slot(bucket, key, contentType, metadata, kind, Math.exp(1.2 * draw.random().nextGaussian())));
    }
}
