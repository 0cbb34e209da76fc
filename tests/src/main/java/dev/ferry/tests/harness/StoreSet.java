package dev.ferry.tests.harness;

/** The four stores of one side: what Ferry's exporter reads (SOURCE) or its importer writes (TARGET). */
public record StoreSet(Role role, PostgresEndpoint postgres, KeycloakEndpoint keycloak, OpenFgaEndpoint openfga,
        S3Endpoint s3) {
}
