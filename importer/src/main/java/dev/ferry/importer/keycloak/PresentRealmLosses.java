package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a merge into a present realm cannot carry of the bundle's realm, because partialImport takes only groups, roles,
 * clients, identity providers and users (docs/reference/keycloak-paths.md §3): said by the dry run and the load's
 * summary, so nobody learns it from a broken login.
 */
final class PresentRealmLosses {
    private PresentRealmLosses() {
    }

    static List<String> of(JsonNode realm) {
        List<String> out = new ArrayList<>();
        out.add("realm settings (login, registration, SMTP, events, locales, password policy, required actions) stay the "
                + "Target's, and so do the default role's composites");
        int components = 0;
        for (JsonNode list : realm.path("components")) {
            components += list.size();
        }
        if (components > 0) {
            out.add(components + " component(s) (realm keys, user federation, user profile, client registration policies): the "
                    + "Target keeps its own keys, so tokens from the Source are invalid there");
        }
        if (realm.path("clientScopes").size() > 0) {
            out.add(realm.path("clientScopes").size() + " client scope(s), and the clients' default and optional client scopes");
        }
        int mappings = realm.path("scopeMappings").size();
        for (JsonNode list : realm.path("clientScopeMappings")) {
            mappings += list.size();
        }
        if (mappings > 0) {
            out.add(mappings + " scope mapping(s) and client-scope mapping(s)");
        }
        for (JsonNode c : realm.path("clients")) {
            for (JsonNode p : c.path("authorizationSettings").path("policies")) {
                String type = p.path("type").asText();
                if (type.equals("role") || type.equals("group")) {
                    out.add(type + " policy '" + p.path("name").asText() + "' of client '" + c.path("clientId").asText()
                            + "' loses its " + type + "s (clients are imported before roles and groups)");
                }
            }
        }
        out.add("roles and clients get new internal ids (match them by name and clientId)");
        return out;
    }
}
