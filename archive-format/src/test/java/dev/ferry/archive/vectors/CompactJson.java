package dev.ferry.archive.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.archive.format.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON laid out for reading in the spec: a value that fits the line stays on it as the format writes it; a longer
 * object or array is broken into members, packed onto lines as they fit. Whitespace only: the text parses to the
 * same value, which the vectors' test checks.
 */
final class CompactJson {
    private static final int WIDTH = 118;

    private CompactJson() {
    }

    static String format(JsonNode node) {
        return format(node, 0, 0);
    }

    /** @param prefix characters already on the line before the value (its key), which count against the width */
    private static String format(JsonNode node, int indent, int prefix) {
        String compact = compact(node);
        if (!node.isContainerNode() || node.isEmpty() || indent + prefix + compact.length() <= WIDTH) {
            return compact;
        }
        List<String> pieces = new ArrayList<>();
        if (node.isObject()) {
            for (var field : node.properties()) {
                String key = compact(TextNode.valueOf(field.getKey())) + ":";
                pieces.add(key + format(field.getValue(), indent + 2, key.length()));
            }
        } else {
            node.forEach(element -> pieces.add(format(element, indent + 2, 0)));
        }
        String pad = " ".repeat(indent + 2);
        StringBuilder out = new StringBuilder(node.isObject() ? "{" : "[");
        StringBuilder line = null;
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i) + (i < pieces.size() - 1 ? "," : "");
            boolean multiLine = piece.indexOf('\n') >= 0;
            if (line != null && !multiLine && pad.length() + line.length() + 1 + piece.length() <= WIDTH) {
                line.append(' ').append(piece);
                continue;
            }
            if (line != null) {
                out.append('\n').append(pad).append(line);
            }
            line = new StringBuilder(piece);
            if (multiLine) {
                out.append('\n').append(pad).append(line);
                line = null;
            }
        }
        if (line != null) {
            out.append('\n').append(pad).append(line);
        }
        return out.append('\n').append(" ".repeat(indent)).append(node.isObject() ? '}' : ']').toString();
    }

    private static String compact(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
