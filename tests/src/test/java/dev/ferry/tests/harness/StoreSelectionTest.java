package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.StoreException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers where a Docker engine answers, local processes otherwise; either can be forced, and it says why. */
class StoreSelectionTest {

    @Test
    void autoFollowsTheDockerEngine() {
        StoreFactory factory = StoreFactory.forOptions(HarnessOptions.defaults().withMode(StoreMode.AUTO));
        String expected = DockerProbe.dockerAvailable() ? "containers, because a Docker engine answers"
                : "local processes, because no Docker engine answers";
        assertEquals(expected, factory.modeExplanation());
    }

    @Test
    void forcedContainersWithoutDockerFailsWithTheFix() {
        HarnessOptions options = HarnessOptions.defaults().withMode(StoreMode.CONTAINERS);
        if (DockerProbe.dockerAvailable()) {
            assertTrue(StoreFactory.forOptions(options).modeExplanation().startsWith("containers, forced"));
        } else {
            StoreException e = assertThrows(StoreException.class, () -> StoreFactory.forOptions(options));
            assertTrue(e.problem().contains("no Docker engine answers"), e.problem());
            assertTrue(e.fix().contains("-Dferry.stores=local"), e.fix());
        }
    }

    @Test
    void forcedLocalNeverAsksDocker() {
        assertTrue(StoreFactory.forOptions(HarnessOptions.defaults().withMode(StoreMode.LOCAL)).modeExplanation()
                .startsWith("local processes, forced by"));
    }

    @Test
    void theEnvironmentVariableChoosesTheModeUnlessTheSystemPropertyDoes() {
        HarnessOptions fromEnv = HarnessOptions.fromEnvironment(Map.of(HarnessOptions.MODE_ENV, "local"));
        String property = System.getProperty(HarnessOptions.MODE_PROPERTY);
        StoreMode expected = property == null || property.isBlank() ? StoreMode.LOCAL
                : StoreMode.parse(property, "-D" + HarnessOptions.MODE_PROPERTY);
        assertEquals(expected, fromEnv.mode());
        assertEquals("fred", fromEnv.databaseName());
    }
}
