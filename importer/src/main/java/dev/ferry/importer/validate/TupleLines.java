package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The tuple-set definitions of docs/bundle-contents.md (store "openfga"): a tuple's canonical line, the set's
 * fingerprint, and which subjects the load keeps.
 * TODO(merge): delegate to the exporter's shared tuple-set fingerprint class and the importer's tuple filter once their
 * branches land, so that "what left" and "what landed" are computed by one piece of code.
 */
final class TupleLines {
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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

    /** Whether the load keeps the tuple: user subjects only in dashed-UUID form or the wildcard; other types always. */
    static boolean kept(JsonNode tuple) {
        String user = tuple.path("user").asText();
        if (!user.startsWith("user:")) {
            return true;
        }
        String id = user.substring("user:".length());
        return id.equals("*") || UUID.matcher(id).matches();
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
