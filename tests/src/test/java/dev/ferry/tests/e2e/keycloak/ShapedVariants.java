package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/** Alterations of a realm representation that single measurements need. */
final class ShapedVariants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShapedVariants() {
    }

    /** Removes a client's authorization policy, and its name from every other policy's applyPolicies. */
    static ObjectNode withoutPolicy(ObjectNode realm, String clientId, String policy) {
        for (JsonNode c : realm.path("clients")) {
            if (!c.path("clientId").asText().equals(clientId)) {
                continue;
            }
            ArrayNode policies = (ArrayNode) c.path("authorizationSettings").path("policies");
            for (Iterator<JsonNode> it = policies.elements(); it.hasNext();) {
                JsonNode p = it.next();
                if (p.path("name").asText().equals(policy)) {
                    it.remove();
                    continue;
                }
                JsonNode apply = p.path("config").path("applyPolicies");
                if (apply.isTextual()) {
                    try {
                        ArrayNode names = (ArrayNode) JSON.readTree(apply.asText());
                        for (Iterator<JsonNode> n = names.elements(); n.hasNext();) {
                            if (n.next().asText().equals(policy)) {
                                n.remove();
                            }
                        }
                        ((ObjectNode) p.path("config")).put("applyPolicies", names.toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return realm;
    }

    /** Removes the key providers whose private key is the Admin API's mask (and nothing else). */
    static ObjectNode withoutMaskedKeyProviders(ObjectNode realm) {
        JsonNode providers = realm.path("components").path("org.keycloak.keys.KeyProvider");
        for (Iterator<JsonNode> it = providers.elements(); it.hasNext();) {
            if ("**********".equals(it.next().path("config").path("privateKey").path(0).asText())) {
                it.remove();
            }
        }
        return realm;
    }

    /** The realm with {@code users} set to these. */
    static ObjectNode withUsers(ObjectNode realm, List<? extends JsonNode> users) {
        ArrayNode list = realm.putArray("users");
        users.forEach(list::add);
        return realm;
    }
}
