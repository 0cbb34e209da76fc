package dev.ferry.importer.config;

/**
 * The Target Keycloak and the realm to load.
 *
 * @param url        base URL, e.g. https://sso.target.example (no /admin)
 * @param realm      the realm to create or merge into, normally "app"
 * @param adminRealm the realm the admin logs into, normally "master"
 * @param clientId   the admin client, normally "admin-cli"
 * @param username   the admin user
 * @param password   resolved from a secret reference
 * @param mode       merge (SKIP) or overwrite, for a realm that already exists
 */
public record KeycloakTarget(String url, String realm, String adminRealm, String clientId, String username, String password,
        KeycloakMode mode) {
    @Override
    public String toString() {
        return "KeycloakTarget[" + url + ", realm=" + realm + ", admin=" + username + "]";
    }
}
