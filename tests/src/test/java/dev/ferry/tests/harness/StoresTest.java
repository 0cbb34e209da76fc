package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared stores say which implementation runs each store, and every test gets the same instance. */
@ExtendWith(StoresExtension.class)
class StoresTest {

    @Test
    void describeNamesEveryStoreAndEachRoleHasItsOwnSet(Stores stores) {
        String description = stores.describe();
        System.out.println("[ferry harness] " + description);
        assertTrue(description.contains("PostgreSQL "), description);
        assertTrue(description.contains("Keycloak " + HarnessOptions.KEYCLOAK_VERSION), description);
        assertTrue(description.contains("S3Proxy") || description.contains("MinIO"), description);
        assertTrue(description.contains("OpenFGA"), description);
        assertEquals(Role.SOURCE, stores.source().role());
        assertEquals(Role.TARGET, stores.target().role());
        assertSame(stores.source(), stores.of(Role.SOURCE));
    }

    @Test
    void theSameInstanceIsSharedByEveryTest(Stores first, Stores second) {
        assertSame(first, second);
    }
}
