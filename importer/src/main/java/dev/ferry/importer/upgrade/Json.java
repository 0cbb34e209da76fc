package dev.ferry.importer.upgrade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON values of the upgrade. A jsonb column arrives as its JSON text (what JDBC's getString gives) or as a parsed
 * tree (fixtures); transforms that look inside parse it, and every JSON value they produce is compact text, which
 * phase 2 binds with a cast to the column's type.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The tree of a jsonb value, or null for SQL NULL; a value that is not JSON is a programming error upstream. */
    public static JsonNode tree(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            return node.isNull() ? null : node;
        }
        if (value instanceof String text) {
            try {
                JsonNode node = MAPPER.readTree(text);
                return node == null || node.isNull() ? null : node;
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a jsonb value is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        throw new IllegalArgumentException("a jsonb value must be JSON text or a tree; the database driver returned a value of another kind");
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Jackson tree always serialises", e);
        }
    }

    /** A non-blank text field of an object node, else null. */
    public static String textField(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
