package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The tuple-set definitions of docs/bundle-contents.md (store "openfga"): a tuple's canonical line and the set's
 * fingerprint.
 * TODO(merge): delegate to the exporter's shared tuple-set fingerprint class once the exporter branch lands, so that
 * "what left" and "what landed" are computed by one piece of code.
 */
final class TupleLines {
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TupleLines() {
    }

    /** "<object>#<relation>@<user>" + ("|" + condition name + "|" + canonical JSON context, when conditioned). */
    static String line(JsonNode tuple) {
        StringBuilder sb = new StringBuilder().append(tuple.path("object").asText()).append('#')
                .append(tuple.path("relation").asText()).append('@').append(tuple.path("user").asText());
        JsonNode condition = tuple.path("condition");
        if (condition.isObject() && !condition.path("name").asText().isEmpty()) {
            sb.append('|').append(condition.path("name").asText()).append('|').append(canonical(condition.path("context")));
        }
        return sb.toString();
    }

    /** SHA-256 hex of the lines sorted by their UTF-8 bytes, each followed by a newline. */
    static String fingerprint(Collection<String> lines) {
        MessageDigest sha = PostgresChecks.sha256();
        lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).sorted(java.util.Arrays::compareUnsigned).forEach(b -> {
            sha.update(b);
            sha.update((byte) '\n');
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String canonical(JsonNode context) {
        try {
            Object tree = CANONICAL.treeToValue(context.isMissingNode() || context.isNull() ? CANONICAL.createObjectNode() : context, Object.class);
            return CANONICAL.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
