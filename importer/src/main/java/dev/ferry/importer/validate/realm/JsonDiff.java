package dev.ferry.importer.validate.realm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Compares two Keycloak representations for meaning, not form: object keys in any order, lists of plain values as
 * sets (redirect URIs, locales, role names), lists of named objects by their name (protocol mappers, required actions),
 * and the fields Keycloak renews by design left out. Differences name the path and, where allowed, both values.
 */
final class JsonDiff {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAME_FIELDS = List.of("clientId", "alias", "name", "username", "path", "providerId");
    private static final int SHOWN = 80;
    /** Values Keycloak writes for a field left unset, by field name, beyond the empty ones (see {@link #unset}). */
    private static final Map<String, String> KEYCLOAK_DEFAULTS = Map.of("post.logout.redirect.uris", "+");

    /** Whether a difference may show the values (realm settings, client settings) or only say that they differ (users). */
    enum Values { SHOWN, HIDDEN }

    private JsonDiff() {
    }

    /** A normalized copy: {@code drop} fields removed at every depth, lists of values sorted, lists of named objects keyed. */
    static JsonNode normalize(JsonNode node, Set<String> drop) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JSON.nullNode();
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!drop.contains(e.getKey()) && !e.getKey().startsWith("ferry")) {
                    sorted.put(e.getKey(), normalize(e.getValue(), drop));
                }
            }
            ObjectNode o = JSON.createObjectNode();
            sorted.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            return normalizeArray((ArrayNode) node, drop);
        }
        // 3600 read from realm.json is an int, the same 3600 from a typed representation a long: one number.
        if (node.isIntegralNumber()) {
            return JSON.getNodeFactory().numberNode(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return JSON.getNodeFactory().numberNode(node.decimalValue().stripTrailingZeros());
        }
        return node;
    }

    private static JsonNode normalizeArray(ArrayNode array, Set<String> drop) {
        boolean scalars = true;
        for (JsonNode n : array) {
            scalars &= n.isValueNode();
        }
        if (scalars) {
            Set<String> texts = new TreeSet<>();
            array.forEach(n -> texts.add(n.asText()));
            ArrayNode out = JSON.createArrayNode();
            texts.forEach(out::add);
            return out;
        }
        String key = nameField(array);
        if (key != null) {
            ObjectNode out = JSON.createObjectNode();
            Map<String, JsonNode> sorted = new TreeMap<>();
            array.forEach(n -> sorted.put(n.path(key).asText(), normalize(n, drop)));
            sorted.forEach(out::set);
            return out;
        }
        ArrayNode out = JSON.createArrayNode();
        array.forEach(n -> out.add(normalize(n, drop)));
        return out;
    }

    /** The field that names every element of a list uniquely, or null (the list is then compared in order). */
    private static String nameField(ArrayNode array) {
        for (String field : NAME_FIELDS) {
            Set<String> seen = new HashSet<>();
            boolean unique = true;
            for (JsonNode n : array) {
                if (!n.isObject() || !n.hasNonNull(field) || !seen.add(n.get(field).asText())) {
                    unique = false;
                    break;
                }
            }
            if (unique && !seen.isEmpty()) {
                return field;
            }
        }
        return null;
    }

    /**
     * Reports each place two normalized representations differ, as "SUBJECT: PATH is X in the bundle, Y on the Target"
     * (values shown) or "SUBJECT: PATH differs" (hidden).
     */
    static void diff(String subject, JsonNode bundle, JsonNode target, Values values, Consumer<String> out) {
        diff(subject, "", bundle, target, values, out);
    }

    private static void diff(String subject, String path, JsonNode bundle, JsonNode target, Values values, Consumer<String> out) {
        if (bundle.equals(target)) {
            return;
        }
        if (bundle.isObject() && target.isObject()) {
            Set<String> keys = new TreeSet<>();
            bundle.fieldNames().forEachRemaining(keys::add);
            target.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String p = path.isEmpty() ? k : path + "." + k;
                if (!target.has(k) && bundle.get(k).isObject()) {
                    if (!allUnset(bundle.get(k))) {
                        out.accept(subject + ": " + p + " is missing on the Target" + shown(" (bundle: ", bundle.get(k), ")", values));
                    }
                } else if (!bundle.has(k) && target.get(k).isObject()) {
                    if (!allUnset(target.get(k))) {
                        out.accept(subject + ": " + p + " is on the Target only" + shown(" (", target.get(k), ")", values));
                    }
                } else if (!target.has(k)) {
                    if (!unset(k, bundle.get(k)) && !impliedDefault(k, bundle, target)) {
                        out.accept(subject + ": " + p + " is missing on the Target" + shown(" (bundle: ", bundle.get(k), ")", values));
                    }
                } else if (!bundle.has(k)) {
                    if (!unset(k, target.get(k)) && !impliedDefault(k, target, bundle)) {
                        out.accept(subject + ": " + p + " is on the Target only" + shown(" (", target.get(k), ")", values));
                    }
                } else {
                    diff(subject, p, bundle.get(k), target.get(k), values, out);
                }
            }
            return;
        }
        String where = path.isEmpty() ? "" : path + " ";
        if (values == Values.HIDDEN) {
            out.accept(subject + ": " + where + "differs");
        } else {
            out.accept(subject + ": " + where + "is " + text(bundle) + " in the bundle, " + text(target) + " on the Target");
        }
    }

    /**
     * Whether a value on one side only means the same as its absence: Keycloak writes "", 0, false, empty lists and its
     * own defaults for what an import left unset (measured: a realm created from an export gains
     * {@code attributes.clientSessionIdleTimeout = "0"} and {@code post.logout.redirect.uris = "+"}).
     */
    static boolean unset(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isContainerNode()) {
            return value.isEmpty();
        }
        String text = value.asText();
        return text.isEmpty() || text.equals("0") || text.equals("false") || text.equals(KEYCLOAK_DEFAULTS.get(field));
    }

    /**
     * Whether a field on one side only states what its absence means on the other. An OIDC protocol mapper without
     * {@code userinfo.token.claim} puts its claim in the userinfo answer when it puts it in the ID token (Keycloak's
     * OIDCAttributeMapperHelper, for backwards compatibility), and Keycloak 26.4 writes that "true" into the default
     * client scopes' mappers of a realm it creates from a representation that lacked it (measured: a realm created from
     * the kea Source's realm.json).
     */
    static boolean impliedDefault(String field, JsonNode holder, JsonNode without) {
        return field.equals("userinfo.token.claim") && "true".equals(holder.path(field).asText())
                && "true".equals(without.path("id.token.claim").asText());
    }

    /** Whether every value inside an object is {@link #unset}: such an object on one side only means nothing. */
    private static boolean allUnset(JsonNode object) {
        List<String> found = new ArrayList<>();
        diff("", "", object, JSON.createObjectNode(), Values.HIDDEN, found::add);
        return found.isEmpty();
    }

    private static String shown(String before, JsonNode value, String after, Values values) {
        return values == Values.SHOWN ? before + text(value) + after : "";
    }

    static String text(JsonNode n) {
        String s = n.isTextual() ? "'" + n.asText() + "'" : n.toString();
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
    }

    /** Parses the JSON text values of an object (authorization policy configs hold lists as JSON strings). */
    static JsonNode parseJsonStrings(JsonNode config) {
        if (!config.isObject()) {
            return config;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            String v = e.getValue().asText("");
            JsonNode parsed = e.getValue();
            if (e.getValue().isTextual() && (v.startsWith("[") || v.startsWith("{"))) {
                try {
                    parsed = JSON.readTree(v);
                } catch (IOException notJson) {
                    parsed = e.getValue();
                }
            }
            out.set(e.getKey(), parsed);
        }
        return out;
    }

    /** The names in {@code a} that {@code b} lacks, sorted. */
    static List<String> missing(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>();
        for (String s : new TreeSet<>(a)) {
            if (!b.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
