package dev.ferry.exporter.freeze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.exporter.keycloak.KeycloakExporter;
import dev.ferry.exporter.objects.CatalogEntry;
import dev.ferry.exporter.objects.ObjectCatalog;
import dev.ferry.stores.postgres.TableCopier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the guard describes what moved: table names and counts, never an object key or a user's name or id. */
class FreezeGuardComparisonTest {
    @Test
    void tablesAreNamedWithTheirRowCounts() {
        List<String> moved = new ArrayList<>();
        FreezeGuard.tables(Map.of("agent", new TableCopier.CopyResult("agent", 12, 100, "f1"),
                "tag", new TableCopier.CopyResult("tag", 3, 10, "t1")),
                Map.of("agent", new TableCopier.CopyResult("agent", 13, 110, "f2"),
                        "tag", new TableCopier.CopyResult("tag", 3, 10, "t1")), moved);
        assertEquals(List.of("postgres: 1 table(s) changed: agent (12 rows read, 13 now)"), moved);
    }

    @Test
    void usersAreCountedNotNamed() {
        List<String> moved = new ArrayList<>();
        FreezeGuard.keycloak(new KeycloakExporter.Reading(Map.of("id-alice", "d1", "id-bob", "d2"), "g"),
                new KeycloakExporter.Reading(Map.of("id-alice", "d1x", "id-carol", "d3"), "g"), moved);
        assertEquals(List.of("keycloak: users: 1 added, 1 changed, 1 removed"), moved);
        assertFalse(moved.get(0).contains("id-"));
    }

    @Test
    void objectsAreCountedNeverKeyed() {
        ObjectCatalog read = new ObjectCatalog();
        read.put(new CatalogEntry("b1", "teams/secret plan.pdf", 10, "e1", Instant.EPOCH, "s"));
        read.put(new CatalogEntry("b1", "gone.pdf", 10, "e1", Instant.EPOCH, "s"));
        ObjectCatalog now = new ObjectCatalog();
        now.put(new CatalogEntry("b1", "teams/secret plan.pdf", 10, "e2", Instant.EPOCH, null));
        now.put(new CatalogEntry("b2", "new.pdf", 1, "e", Instant.EPOCH, null));
        List<String> moved = new ArrayList<>();
        FreezeGuard.objects(read, now, moved);
        assertEquals(List.of("objects: 1 added, 1 changed, 1 deleted, in 2 bucket(s)"), moved);

        List<String> still = new ArrayList<>();
        FreezeGuard.objects(read, read, still);
        assertTrue(still.isEmpty());
    }
}
