package dev.ferry.tests.generator;

import dev.ferry.common.StoreException;
import dev.ferry.tests.harness.KeycloakRest;

/**
 * Creates a {@link ShapedRealm} on a running test Keycloak with {@code POST /admin/realms}: the one request that takes
 * every part of it (keys, authorization settings, scope mappings, users with credentials) and keeps its ids.
 */
public final class ShapedRealmSeeder {
    private ShapedRealmSeeder() {
    }

    /** Creates the realm, replacing one of the same name. */
    public static ShapedRealm seed(KeycloakRest keycloak, ShapedRealm realm) {
        keycloak.delete("/admin/realms/" + realm.name());
        KeycloakRest.Answer created = keycloak.post("/admin/realms", realm.json());
        if (created.status() != 201) {
            throw new StoreException("Keycloak at " + keycloak.endpoint().url() + " refused the shaped realm " + realm.name()
                    + ": HTTP " + created.status() + " " + created.body(),
                    "read the harness Keycloak's log; a 409 means another realm of this server holds one of its ids");
        }
        return realm;
    }
}
