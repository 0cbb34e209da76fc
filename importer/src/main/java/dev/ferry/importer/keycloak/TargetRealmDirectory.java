package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reads what a Target realm already holds: users by username/email/id and groups by path, paged. */
final class TargetRealmDirectory {
    private static final int PAGE = 100;

    final Map<String, String> idByUsername = new HashMap<>();
    final Map<String, String> usernameByEmail = new HashMap<>();
    final Set<String> userIds = new HashSet<>();
    final Map<String, String> idByGroupPath = new HashMap<>();
    final Map<String, String> groupPathById = new HashMap<>();

    static TargetRealmDirectory read(KeycloakAdmin admin, String realmPath) {
        TargetRealmDirectory d = new TargetRealmDirectory();
        eachUser(admin, realmPath, u -> {
            String id = u.path("id").asText();
            String username = u.path("username").asText();
            d.userIds.add(id);
            d.idByUsername.put(username, id);
            if (u.hasNonNull("email") && !u.get("email").asText().isBlank()) {
                d.usernameByEmail.put(u.get("email").asText().toLowerCase(Locale.ROOT), username);
            }
        });
        walkGroups(admin, realmPath, null, g -> {
            d.idByGroupPath.put(g.path("path").asText(), g.path("id").asText());
            d.groupPathById.put(g.path("id").asText(), g.path("path").asText());
        });
        return d;
    }

    static void eachUser(KeycloakAdmin admin, String realmPath, Consumer<JsonNode> action) {
        for (int first = 0;; first += PAGE) {
            JsonNode page = admin.get(realmPath + "/users?briefRepresentation=true&first=" + first + "&max=" + PAGE);
            if (page == null || page.isEmpty()) {
                return;
            }
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** Walks every group, following /children, because GET /groups returns empty subGroups (keycloak-findings.md §2). */
    static void walkGroups(KeycloakAdmin admin, String realmPath, String parentId, Consumer<JsonNode> action) {
        List<JsonNode> level = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            String path = parentId == null ? realmPath + "/groups?briefRepresentation=true&first=" + first + "&max=" + PAGE
                    : realmPath + "/groups/" + parentId + "/children?briefRepresentation=true&first=" + first + "&max=" + PAGE;
            JsonNode page = admin.get(path);
            if (page == null || page.isEmpty()) {
                break;
            }
            page.forEach(level::add);
            if (page.size() < PAGE) {
                break;
            }
        }
        for (JsonNode g : level) {
            action.accept(g);
            if (g.path("subGroupCount").asInt(1) > 0) {
                walkGroups(admin, realmPath, g.path("id").asText(), action);
            }
        }
    }
}
