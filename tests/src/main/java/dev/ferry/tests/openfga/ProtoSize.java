package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The size of a model's protobuf encoding, computed from its protojson form: what the server's
 * 256 KiB model limit counts. Field names cost a one-byte tag; map keys are written out.
 */
final class ProtoSize {
    private static final Set<String> MAPS = Set.of("relations", "conditions", "parameters");
    private static final Set<String> ENUMS = Set.of("type_name");

    private ProtoSize() {
    }

    static int of(JsonNode message) {
        int size = 0;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            JsonNode value = field.getValue();
            if (MAPS.contains(field.getKey()) && value.isObject()) {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    size += delimited(delimited(bytes(entry.getKey())) + delimited(of(entry.getValue())));
                }
            } else {
                size += field(field.getKey(), value);
            }
        }
        return size;
    }

    private static int field(String name, JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return 0;
        }
        if (ENUMS.contains(name)) {
            return 2;
        }
        if (value.isTextual()) {
            return value.asText().isEmpty() ? 0 : delimited(bytes(value.asText()));
        }
        if (value.isArray()) {
            int size = 0;
            for (JsonNode element : value) {
                size += element.isObject() ? delimited(of(element)) : field(name, element);
            }
            return size;
        }
        if (value.isObject()) {
            return delimited(of(value));
        }
        return value.isBoolean() && !value.asBoolean() ? 0 : 1 + 8; // numbers and true: tag plus at most 8 bytes
    }

    /** Tag, length prefix and payload of a length-delimited field. */
    private static int delimited(int payload) {
        return 1 + varintLength(payload) + payload;
    }

    private static int varintLength(int value) {
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
