package dev.ferry.importer.config;

import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigSection;
import dev.ferry.stores.config.KeycloakAuth;
import dev.ferry.stores.config.KeycloakConfig;

/**
 * The {@code keycloak:} section of target.yaml: the shared keys (url, realm, auth) plus how to merge into a realm
 * that already exists.
 *
 * @param realm the realm to create or merge into, normally "app"
 * @param mode  merge (partialImport SKIP, the default) or overwrite (destructive: only on explicit request)
 */
public record KeycloakTarget(String url, String realm, KeycloakAuth auth, KeycloakMode mode) implements ConfigSection {
    public KeycloakTarget {
        mode = mode == null ? KeycloakMode.MERGE : mode;
        url = url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public KeycloakConfig connection() {
        return new KeycloakConfig(url, realm, auth);
    }

    @Override
    public void validate(ConfigKeys keys) {
        connection().validate(keys);
    }
}
