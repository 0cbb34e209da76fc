package dev.ferry.importer.config;

import dev.ferry.common.ConfigException;
import java.util.Locale;

/** How users, groups, roles and clients are merged into a realm that already exists on the Target. */
public enum KeycloakMode {
    /** partialImport with SKIP: existing entities are left alone, so a re-run is harmless (the default). */
    MERGE,
    /**
     * partialImport with OVERWRITE: re-creates groups, roles and clients, which wipes Target-only memberships and
     * role mappings (docs/reference/keycloak.md §6.2-6.3). Only on explicit request.
     */
    OVERWRITE;

    /** Case-insensitive, for the YAML loader; a wrong value names the allowed ones. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static KeycloakMode parse(String value) {
        try {
            return valueOf((value == null ? "" : value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'" + value + "' is not a Keycloak mode (keycloak.mode)", "use merge or overwrite");
        }
    }
}
