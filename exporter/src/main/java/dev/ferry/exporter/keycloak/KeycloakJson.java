package dev.ferry.exporter.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.RealmReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** The JSON mapper for Keycloak representations (the realm reader's: nulls left out), and digests of what it reads. */
final class KeycloakJson {
    static final ObjectMapper MAPPER = RealmReader.MAPPER;

    private KeycloakJson() {
    }

    /**
     * SHA-256 (hex) of a canonical form of {@code node}: object fields sorted by name, lists of plain values sorted,
     * so two reads of an unchanged user or group tree give the same digest whatever order the server answered in.
     */
    static String digest(JsonNode node) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(MAPPER.writeValueAsString(canonical(node)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot digest a JSON tree", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), canonical(f.getValue())));
            ObjectNode o = MAPPER.createObjectNode();
            fields.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(i -> items.add(canonical(i)));
            if (items.stream().allMatch(JsonNode::isValueNode)) {
                items.sort((a, b) -> a.asText().compareTo(b.asText()));
            }
            ArrayNode a = MAPPER.createArrayNode();
            items.forEach(a::add);
            return a;
        }
        return node;
    }
}
