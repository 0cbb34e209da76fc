package dev.ferry.exporter.config;

import dev.ferry.stores.config.ConfigLoader;
import dev.ferry.stores.config.TableSelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceConfigTest {
    private static final Map<String, String> ENV = Map.of("PG_PASSWORD", "pg-secret", "KC_SECRET", "kc-secret",
            "S3_ACCESS", "access", "S3_SECRET", "s3-secret", "FGA_TOKEN", "fga-token");
    private static final String VALID = """
            postgres:
              url: jdbc:postgresql://pg.internal:5432/fred
              user: fred
              password: ${env:PG_PASSWORD}
            keycloak:
              url: https://sso.internal
              realm: app
              auth:
                clientId: ferry-export
                clientSecret: ${env:KC_SECRET}
            openfga:
              apiUrl: http://openfga:8080
              store:
                name: kea
              token: ${env:FGA_TOKEN}
            objects:
              endpoint: http://minio:9000
              accessKey: ${env:S3_ACCESS}
              secretKey: ${env:S3_SECRET}
              buckets:
                prefixes: [kea-]
            source:
              label: kea production
            """;

    @TempDir
    Path dir;

    private Path write(String yaml, String perms) throws IOException {
        Path file = dir.resolve("source.yaml");
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }

    private ConfigException fails(String yaml) throws IOException {
        return fails(yaml, "rw-r--r--");
    }

    private ConfigException fails(String yaml, String perms) throws IOException {
        Path file = write(yaml, perms);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, SourceConfig.class, SourceConfig.EXAMPLE, ENV));
    }

    @Test
    void loadsEverySectionAndResolvesSecrets() throws IOException {
        SourceConfig c = ConfigLoader.load(write(VALID, "rw-r--r--"), SourceConfig.class, SourceConfig.EXAMPLE, ENV);
        assertEquals("fred", c.postgres().user());
        assertEquals("pg-secret", c.postgres().password().reveal());
        assertEquals(TableSelection.DEFAULT_CARRY, c.postgres().tables().carry());
        assertEquals("kc-secret", c.keycloak().auth().clientSecret().reveal());
        assertEquals("master", c.keycloak().auth().realm());
        assertEquals("kea", c.openfga().store().name());
        assertEquals(List.of("kea-"), c.objects().buckets().prefixes());
        assertEquals("kea production", c.label());
        assertFalse(c.postgres().password().toString().contains("pg-secret"), "a secret must never print itself");
    }

    @Test
    void unknownKeyIsNamedWithSuggestion() throws IOException {
        ConfigException e = fails(VALID.replace("  password: ${env:PG_PASSWORD}", "  pasword: ${env:PG_PASSWORD}"));
        assertEquals("source.yaml: unknown key 'postgres.pasword' (did you mean 'password'?)", e.problem());
        assertTrue(e.fix().contains("password"), e.fix());
    }

    @Test
    void unknownTopLevelSectionIsNamed() throws IOException {
        ConfigException e = fails(VALID + "opensearch:\n  url: http://os:9200\n");
        assertTrue(e.problem().startsWith("source.yaml: unknown key 'opensearch'"), e.problem());
    }

    @Test
    void missingValueIsNamed() throws IOException {
        ConfigException e = fails(VALID.replace("  user: fred\n", ""));
        assertEquals("source.yaml: missing value for 'postgres.user'", e.problem());
    }

    @Test
    void emptyValueIsMissingToo() throws IOException {
        ConfigException e = fails(VALID.replace("realm: app", "realm: \"\""));
        assertEquals("source.yaml: missing value for 'keycloak.realm'", e.problem());
    }

    @Test
    void bothCredentialFormsAreRefused() throws IOException {
        ConfigException e = fails(VALID.replace("    clientId: ferry-export\n", "    clientId: ferry-export\n    username: admin\n"));
        assertTrue(e.problem().contains("'keycloak.auth' needs exactly one form of credentials"), e.problem());
    }

    @Test
    void unsetEnvironmentVariableIsNamed() throws IOException {
        ConfigException e = fails(VALID.replace("${env:PG_PASSWORD}", "${env:NOT_SET_ANYWHERE}"));
        assertTrue(e.problem().contains("'postgres.password' refers to environment variable NOT_SET_ANYWHERE"), e.problem());
    }

    @Test
    void unknownSecretSourceIsRefused() throws IOException {
        ConfigException e = fails(VALID.replace("${env:KC_SECRET}", "${vault:kv/kc}"));
        assertTrue(e.problem().contains("'keycloak.auth.clientSecret' uses an unknown secret source"), e.problem());
    }

    @Test
    void malformedSecretReferenceIsRefused() throws IOException {
        ConfigException e = fails(VALID.replace("${env:KC_SECRET}", "${env:KC_SECRET"));
        assertTrue(e.problem().contains("'keycloak.auth.clientSecret' is not a valid secret reference"), e.problem());
    }

    @Test
    void missingSecretFileIsNamed() throws IOException {
        ConfigException e = fails(VALID.replace("${env:S3_SECRET}", "${file:no-such-secret}"));
        assertTrue(e.problem().contains("'objects.secretKey' refers to"), e.problem());
        assertTrue(e.problem().contains("no-such-secret"), e.problem());
    }

    @Test
    void secretFromFileDropsTrailingNewline() throws IOException {
        Files.writeString(dir.resolve("pg.secret"), "from-file\n");
        SourceConfig c = ConfigLoader.load(write(VALID.replace("${env:PG_PASSWORD}", "${file:pg.secret}"), "rw-r--r--"),
                SourceConfig.class, SourceConfig.EXAMPLE, ENV);
        assertEquals("from-file", c.postgres().password().reveal());
    }

    @Test
    void literalSecretInWorldReadableFileIsRefusedWithChmodFix() throws IOException {
        ConfigException e = fails(VALID.replace("${env:PG_PASSWORD}", "hunter2"), "rw-r--r--");
        assertTrue(e.problem().contains("'postgres.password' holds a literal secret"), e.problem());
        assertFalse(e.problem().contains("hunter2"), "the message must not repeat the secret");
        assertTrue(e.fix().startsWith("Run 'chmod 600 "), e.fix());
    }

    @Test
    void literalSecretInOwnerOnlyFileIsAccepted() throws IOException {
        SourceConfig c = ConfigLoader.load(write(VALID.replace("${env:PG_PASSWORD}", "hunter2"), "rw-------"),
                SourceConfig.class, SourceConfig.EXAMPLE, ENV);
        assertEquals("hunter2", c.postgres().password().reveal());
    }

    @Test
    void badYamlGivesTheLine() throws IOException {
        ConfigException e = fails("postgres:\n  url: [unclosed\n  user: fred\n");
        assertTrue(e.problem().startsWith("source.yaml: not valid YAML at line"), e.problem());
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        ConfigException e = fails(VALID.replace("prefixes: [kea-]", "prefixes: {a: b}"));
        assertEquals("source.yaml: 'objects.buckets.prefixes' has the wrong type: it must be a list ('- item' lines)", e.problem());
    }

    /** Jackson's own message names Java types ("`java.util.ArrayList<java.lang.String>`"): it never reaches the operator. */
    @Test
    void wrongTypesNameNoJavaClass() throws IOException {
        for (String bad : List.of(VALID.replace("prefixes: [kea-]", "prefixes: {a: b}"), VALID.replace("user: fred", "user: [a, b]"),
                VALID.replace("user: fred", "user: {a: b}"))) {
            ConfigException e = fails(bad);
            assertTrue(e.problem().contains("has the wrong type: it must be"), e.problem());
            assertFalse(e.problem().matches("(?s).*(`|java\\.|dev\\.ferry\\.|[A-Z][a-z]+(Exception|Error)|Cannot deserialize).*"), e.problem());
        }
    }

    @Test
    void nonJdbcUrlIsRefused() throws IOException {
        ConfigException e = fails(VALID.replace("jdbc:postgresql://pg.internal:5432/fred", "postgres://pg/fred"));
        assertTrue(e.problem().contains("'postgres.url' is not a PostgreSQL JDBC URL"), e.problem());
    }

    @Test
    void storeByIdAndNameIsRefused() throws IOException {
        ConfigException e = fails(VALID.replace("    name: kea\n", "    name: kea\n    id: 01ARZ3NDEKTSV4RRFFQ69G5FAV\n"));
        assertTrue(e.problem().contains("'openfga.store' needs exactly one of 'id' or 'name'"), e.problem());
    }

    @Test
    void noBucketSelectedIsRefused() throws IOException {
        ConfigException e = fails(VALID.replace("    prefixes: [kea-]\n", "    names: []\n"));
        assertTrue(e.problem().contains("'objects.buckets' lists no bucket"), e.problem());
    }

    @Test
    void missingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml"), SourceConfig.class, SourceConfig.EXAMPLE, ENV));
        assertTrue(e.problem().contains("does not exist"), e.problem());
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        ConfigException e = fails("");
        assertEquals("source.yaml is empty", e.problem());
    }
}
