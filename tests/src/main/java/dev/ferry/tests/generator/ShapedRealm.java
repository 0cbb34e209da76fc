package dev.ferry.tests.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A realm shaped unlike the generator's, of the kind Keycloak's own test suite ships (issue 11): imported {@code rsa}
 * and {@code rsa-enc} keys with a real PEM key and certificate, client authorization services (resources, scopes,
 * role, group and user policies, scope and resource permissions), composite realm and client roles, scope mappings
 * and client-scope mappings, a client scope, SMTP with a password, an OIDC identity provider with a client secret and
 * mappers, a disabled LDAP federation with a bind credential, two service-account clients, users with and without
 * first and last names, a password and a TOTP credential, required actions, groups with attributes and role mappings.
 *
 * <p>The realm is {@code keycloak-fixtures/shaped-realm.json} with its placeholders filled: the realm name, a fresh
 * UUID per {@code {{id:label}}} (ids are unique across a whole Keycloak database, so every build gets its own), fresh
 * keys, and a TOTP secret. Every other secret is a throwaway constant below.
 *
 * @param name          the realm's name
 * @param json          the realm representation, for {@code POST /admin/realms}
 * @param ids           label → id: "realm", "role:kea-admin", "role:kea-backend/editor", "client:kea-backend",
 *                      "group:/staff/editors", "user:ada", "user:service-account-kea-backend",
 *                      "component:imported-rsa", "idp-mapper:corp-dept", "client-scope:kea-scope"
 * @param signingKey    the imported {@code rsa} key (RS256)
 * @param encryptionKey the imported {@code rsa-enc} key (RSA-OAEP)
 */
public record ShapedRealm(String name, ObjectNode json, Map<String, String> ids, ThrowawayRsaKey signingKey,
        ThrowawayRsaKey encryptionKey) {

    public static final String TEMPLATE = "/keycloak-fixtures/shaped-realm.json";
    public static final String BACKEND_SECRET = "backend-secret-throwaway";
    public static final String BACKEND_ROTATED_SECRET = "old-backend-secret-throwaway";
    public static final String WORKER_SECRET = "worker-secret-throwaway";
    public static final String SMTP_PASSWORD = "smtp-pass-throwaway";
    public static final String IDP_SECRET = "idp-secret-throwaway";
    public static final String LDAP_BIND_CREDENTIAL = "ldap-bind-throwaway";
    /** nameless has a password and no required action: the user a password grant works for. */
    public static final String NAMELESS_PASSWORD = "Nameless-Pass-2";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");

    /** A fresh realm named {@code name}, with its own ids and keys. */
    public static ShapedRealm create(String name) {
        ThrowawayRsaKey signing = ThrowawayRsaKey.generate("ferry-shaped-" + name + "-sig");
        ThrowawayRsaKey encryption = ThrowawayRsaKey.generate("ferry-shaped-" + name + "-enc");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("realm", name);
        values.put("signing.privateKey", signing.privateKeyPem());
        values.put("signing.certificate", signing.certificatePem());
        values.put("encryption.privateKey", encryption.privateKeyPem());
        values.put("encryption.certificate", encryption.certificatePem());
        values.put("otp.secret", alphanumeric(20));
        Map<String, String> ids = new LinkedHashMap<>();
        ObjectNode realm = (ObjectNode) fill(template(), values, ids);
        return new ShapedRealm(name, realm, Map.copyOf(ids), signing, encryption);
    }

    /** The id a label was given; fails on a label the template does not use. */
    public String id(String label) {
        String id = ids.get(label);
        if (id == null) {
            throw new IllegalArgumentException("the shaped realm has no id labelled " + label + " (labels: " + ids.keySet() + ")");
        }
        return id;
    }

    /** A copy of the representation, to alter for one measurement. */
    public ObjectNode copy() {
        return json.deepCopy();
    }

    private static JsonNode template() {
        try (InputStream in = ShapedRealm.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the class path");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces placeholders in every string (keys are not templated). */
    private static JsonNode fill(JsonNode node, Map<String, String> values, Map<String, String> ids) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                e.setValue(fill(e.getValue(), values, ids));
            }
            return o;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, fill(node.get(i), values, ids));
            }
            return node;
        }
        if (!node.isTextual()) {
            return node;
        }
        Matcher m = PLACEHOLDER.matcher(node.asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value;
            if (key.startsWith("id:")) {
                value = ids.computeIfAbsent(key.substring(3), k -> UUID.randomUUID().toString());
            } else {
                value = values.get(key);
                if (value == null) {
                    throw new IllegalStateException(TEMPLATE + " uses an unknown placeholder {{" + key + "}}");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new TextNode(out.toString());
    }

    private static String alphanumeric(int n) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
