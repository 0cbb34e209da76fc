package dev.ferry.importer.keycloak;

import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a Target realm already holds: users by username/email/id and groups by path, read through the client. */
final class TargetRealmDirectory {
    private static final int PAGE = 100;

    final Map<String, String> idByUsername = new HashMap<>();
    final Map<String, String> usernameByEmail = new HashMap<>();
    final Set<String> userIds = new HashSet<>();
    final Map<String, String> idByGroupPath = new HashMap<>();
    final Map<String, String> groupPathById = new HashMap<>();

    static TargetRealmDirectory read(KeycloakClient client) {
        TargetRealmDirectory d = new TargetRealmDirectory();
        String realm = client.config().realm();
        client.forEachUser(realm, u -> {
            String id = u.path("id").asText();
            String username = u.path("username").asText();
            d.userIds.add(id);
            d.idByUsername.put(username, id);
            if (u.hasNonNull("email") && !u.get("email").asText().isBlank()) {
                d.usernameByEmail.put(u.get("email").asText().toLowerCase(Locale.ROOT), username);
            }
        });
        client.forEachGroup(realm, g -> {
            d.idByGroupPath.put(g.path("path").asText(), g.path("id").asText());
            d.groupPathById.put(g.path("id").asText(), g.path("path").asText());
        });
        return d;
    }
}
