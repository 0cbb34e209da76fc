package dev.ferry.importer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetConfigTest {
    private static final Map<String, String> ENV = Map.of("FERRY_TARGET_PG_PASSWORD", "pg-secret", "OPENFGA_API_TOKEN", "fga-token",
            "FERRY_TARGET_S3_ACCESS_KEY", "ak", "FERRY_TARGET_S3_SECRET_KEY", "sk");

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleLoads() throws Exception {
        Path example = dir.resolve("target.yaml");
        Files.copy(Path.of("..", "docs", "target.example.yaml"), example);
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/keycloak-admin"), "kc-secret\n");

        TargetConfig c = TargetConfig.load(example, ENV);

        assertEquals(ConflictPolicy.SKIP, c.postgres().conflictPolicy("agent"));
        assertEquals(ConflictPolicy.REFUSE, c.postgres().conflictPolicy("metadata"));
        assertEquals("pg-secret", c.postgres().password().reveal());
        assertEquals("kc-secret", c.keycloak().auth().password().reveal());
        assertEquals(KeycloakMode.MERGE, c.keycloak().mode());
        assertEquals("kea", c.openfga().storeName());
        assertEquals(UsernameTuples.DROP, c.openfga().usernameTuples());
        assertEquals("other", c.objects().targetBucket("other"));
        assertTrue(c.stateDirPath().isAbsolute());
        assertTrue(c.postgres().toString().contains("<secret from environment variable FERRY_TARGET_PG_PASSWORD>"),
                "a printed config never shows the secret: " + c.postgres());
    }

    @Test
    void aMissingSectionIsNullAndAWrongPolicyNamesTheChoices() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "openfga:\n  apiUrl: http://fga:8080\n  storeName: kea\n");
        TargetConfig c = TargetConfig.load(f, Map.of());
        assertNull(c.postgres());
        assertEquals(4, c.openfga().concurrency());

        Files.writeString(f, "postgres:\n  url: jdbc:postgresql://h:5432/fred\n  user: u\n  password: ${env:P}\n  conflicts:\n    agent: merge\n");
        ConfigException e = assertThrows(ConfigException.class, () -> TargetConfig.load(f, Map.of("P", "x")));
        assertTrue(e.problem().contains("'merge' is not a conflict policy"), e.problem());
        assertTrue(e.fix().contains("refuse, skip or overwrite"), e.fix());
    }

    @Test
    void anInvalidStoreNameIsRefusedBeforeAnythingRuns() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "openfga:\n  apiUrl: http://fga:8080\n  storeName: ab\n");
        ConfigException e = assertThrows(ConfigException.class, () -> TargetConfig.load(f, Map.of()));
        assertTrue(e.problem().contains("openfga.storeName"), e.problem());
    }

    @Test
    void everyTargetConfigErrorPointsAtTheTargetExample() throws Exception {
        Path f = dir.resolve("target.yaml");
        for (String yaml : List.of(
                "",                                                                      // empty
                "- a list\n",                                                            // not a mapping
                "postgres:\n  url: jdbc:postgresql://h/fred\n  user: u\n",              // missing password
                "postgres:\n  url: jdbc:postgresql://h/fred\n  user: u\n  password:\n", // empty secret
                "keycloak:\n  url: http://kc\n  realm: app\n  auth:\n    username: a\n    clientId: c\n", // two credential forms
                "objects:\n  endpoint: [1, 2\n")) {                                       // bad YAML
            Files.writeString(f, yaml);
            ConfigException e = assertThrows(ConfigException.class, () -> TargetConfig.load(f, Map.of()), yaml);
            String text = e.problem() + " " + e.fix();
            assertFalse(text.contains("source.example"), "a Target config error points at the Target example: " + text);
            if (!yaml.startsWith("objects")) {
                assertTrue(text.contains("docs/target.example.yaml"), text);
            }
        }
        ConfigException missing = assertThrows(ConfigException.class, () -> TargetConfig.load(dir.resolve("nope.yaml"), Map.of()));
        assertTrue(missing.fix().contains("docs/target.example.yaml"), missing.fix());
    }
}
