package dev.ferry.importer.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** schema.json of the bundle's postgres store (docs/bundle-contents.md). */
record BundleSchema(List<TableSchema> tables, Map<String, List<String>> alembic) {

    record Column(String name, String type, boolean nullable) {
        @Override
        public String toString() {
            return name + " " + type + (nullable ? " null" : " not null");
        }
    }

    record TableSchema(String name, List<Column> columns, List<String> primaryKey, long rowCount, String fingerprint) {
    }

    static BundleSchema of(JsonNode root) {
        List<TableSchema> tables = new ArrayList<>();
        for (JsonNode t : root.path("tables")) {
            List<Column> cols = new ArrayList<>();
            t.path("columns").forEach(c -> cols.add(new Column(c.path("name").asText(), c.path("type").asText(),
                    c.path("nullable").asBoolean(true))));
            List<String> pk = new ArrayList<>();
            t.path("primaryKey").forEach(p -> pk.add(p.asText()));
            tables.add(new TableSchema(t.path("name").asText(), List.copyOf(cols), List.copyOf(pk), t.path("rowCount").asLong(),
                    t.path("fingerprint").asText()));
        }
        Map<String, List<String>> alembic = new LinkedHashMap<>();
        root.path("alembic").fields().forEachRemaining(e -> {
            List<String> revs = new ArrayList<>();
            e.getValue().forEach(v -> revs.add(v.asText()));
            alembic.put(e.getKey(), revs.stream().sorted().toList());
        });
        return new BundleSchema(List.copyOf(tables), alembic);
    }
}
