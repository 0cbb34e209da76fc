package dev.ferry.tests.harness;

/**
 * How to reach a running test Keycloak: its base URL (no trailing slash) and the admin of the master realm,
 * who logs in through the {@code admin-cli} client.
 */
public record KeycloakEndpoint(String url, String adminUser, String adminPassword) {
}
