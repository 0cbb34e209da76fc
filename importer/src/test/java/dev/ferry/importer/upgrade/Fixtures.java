package dev.ferry.importer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.schema.ColumnSpec;
import dev.ferry.importer.upgrade.tuples.FgaTuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The swift fixtures live in the tests module (tests/src/main/resources/swift), which depends on this one, so they are
 * read from the source tree: surefire runs in the importer module's directory.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path swift() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("tests/src/main/resources/swift");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("tests/src/main/resources/swift not found above " + Path.of("").toAbsolutePath());
    }

    public static JsonNode json(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> jsonLines(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(Json.mapper().readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A kea JSONL line as JDBC would hand it over: jsonb objects as their JSON text, a {@code varchar[]} as a list,
     * timestamps as the text they are written in.
     */
    public static Row row(JsonNode line) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isObject()) {
                value = Json.text(v);
            } else if (v.isArray()) {
                List<String> list = new ArrayList<>();
                v.forEach(x -> list.add(x.asText()));
                value = list;
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isNumber()) {
                value = v.longValue();
            } else {
                value = v.asText();
            }
            values.put(e.getKey(), value);
        }
        return new Row(values);
    }

    public static List<Row> rows(Path jsonl) {
        return jsonLines(jsonl).stream().map(Fixtures::row).toList();
    }

    public static List<FgaTuple> tuples(Path file) {
        List<FgaTuple> out = new ArrayList<>();
        json(file).forEach(t -> out.add(FgaTuple.of(t.path("user").asText(), t.path("relation").asText(), t.path("object").asText())));
        return out;
    }

    /** A written swift row as JSON: json/jsonb columns and {@code *_json} text columns parsed, so they compare by value. */
    public static ObjectNode asJson(TargetRow row) {
        ObjectNode o = Json.mapper().createObjectNode();
        for (ColumnSpec c : row.table().columns()) {
            Object v = row.get(c.name());
            if (v == null) {
                o.putNull(c.name());
            } else if (c.isJson() || c.name().endsWith("_json")) {
                assertTrue(v instanceof String, row.table().name() + "." + c.name() + " is JSON text, not " + v.getClass().getSimpleName());
                o.set(c.name(), Json.tree(v));
            } else {
                o.set(c.name(), Json.mapper().valueToTree(v));
            }
        }
        // Re-read, so that numbers compare as a parser reads them (0L and 0 are different nodes).
        return (ObjectNode) Json.tree(Json.text(o));
    }

    /** An expected swift line, with {@code *_json} strings parsed like {@link #asJson}. */
    public static ObjectNode expected(JsonNode line) {
        ObjectNode o = line.deepCopy();
        line.fieldNames().forEachRemaining(f -> {
            if (f.endsWith("_json") && line.get(f).isTextual()) {
                o.set(f, Json.tree(line.get(f).asText()));
            }
        });
        return o;
    }

    public static void assertRows(Path expectedJsonl, List<TargetRow> actual) {
        List<JsonNode> expected = jsonLines(expectedJsonl).stream().map(l -> (JsonNode) expected(l)).toList();
        List<JsonNode> got = actual.stream().map(r -> (JsonNode) asJson(r)).toList();
        assertEquals(expected, got, expectedJsonl.getFileName().toString());
    }
}
