package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot start fails loudly, with the reason and the fix; nothing is skipped. */
class HarnessFailureTest {

    @Test
    void aMissingKeycloakDistributionNamesThePathAndHowToFetchIt(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere").resolve("keycloak-quarkus-dist-26.4.0.zip");
        KeycloakDistribution distribution = new KeycloakDistribution(missing, dir.resolve("cache"));

        StoreException e = assertThrows(StoreException.class,
                () -> KeycloakProcess.start(Role.SOURCE, distribution, dir));

        assertTrue(e.problem().contains(missing.toString()), e.problem());
        assertTrue(e.fix().contains("mvn -B -pl tests generate-resources"), e.fix());
        assertTrue(e.fix().contains("-Dferry.keycloak.dist="), e.fix());
        assertTrue(Files.notExists(dir.resolve("keycloak")), "nothing is left half-made");
    }

    @Test
    void anUnknownStoreModeIsRefusedWithTheValidChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> StoreMode.parse("docker", "FERRY_STORES"));
        assertTrue(e.problem().contains("FERRY_STORES is 'docker'"), e.problem());
        assertEquals("set it to auto, containers or local", e.fix());
        assertEquals(StoreMode.LOCAL, StoreMode.parse(" Local ", "-Dferry.stores"));
    }

    @Test
    void aDatabaseNameThatNeedsQuotingIsRefusedUpFront() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> HarnessOptions.defaults().withDatabaseName("fred-kea"));
        assertTrue(e.problem().contains("'fred-kea'"), e.problem());
        assertEquals("fred_kea", HarnessOptions.defaults().withDatabaseName("fred_kea").databaseName());
    }
}
