package dev.ferry.importer.upgrade.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SwiftTeamsTest {
    static final String T = "6a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";
    static final String T2 = "11111111-2222-4333-8444-555555555555";
    static final String T3 = "22222222-2222-4333-8444-555555555555";
    static final String B = "b7e41c09-2d5a-4f88-a3c6-0e9d1f2b7a65";
    static final String BANNER = "teams/" + T + "/banner-7c1e9a3b5d2f4e6a8b0c1d3e5f7a9b2c.png";

    static KeaTeamRow kea(String id, boolean isPrivate) {
        return KeaTeamRow.of(Row.of("id", id, "description", "Fred lab team", "is_private", isPrivate, "banner_object_storage_key", BANNER,
                "created_at", "2026-05-04T15:30:00+00:00", "updated_at", "2026-06-01T12:00:00+00:00"));
    }

    @Test
    void everyReferencedTeamGetsARowWithOrWithoutAKeaRow() {
        TeamPlan p = SwiftTeams.plan(Set.of(T, T2), Set.of(), Map.of(T, "fredlab", T2, "Sales"), Map.of(T, kea(T, false)), Set.of(T, T2));
        assertEquals(List.of(T2, T), p.rows().stream().map(r -> r.get("id")).toList(), "in id order");
        TargetRow customised = p.rows().get(1);
        assertEquals(SwiftSchema.TEAMMETADATA, customised.table());
        assertEquals("fredlab", customised.get("name"));
        assertEquals("Fred lab team", customised.get("description"));
        assertEquals(BANNER, customised.get("banner_object_storage_key"), "the banner key is kept verbatim");
        assertEquals("2026-05-04T15:30:00+00:00", customised.get("created_at"));
        TargetRow plain = p.rows().get(0);
        assertEquals("Sales", plain.get("name"));
        assertNull(plain.get("description"));
        assertNull(plain.get("banner_object_storage_key"));
        assertNull(plain.get("created_at"), "left to the column default");
    }

    @Test
    void joiningModeIsRequestOnlyStorageUseIsZeroAndThereIsNoIsPrivate() {
        TeamPlan p = SwiftTeams.plan(Set.of(T), Set.of(), Map.of(T, "fredlab"), Map.of(T, kea(T, true)), Set.of());
        TargetRow r = p.rows().get(0);
        assertEquals("request_only", r.get("joining_mode"));
        assertEquals(0L, r.get("current_resources_storage_size"));
        assertFalse(r.table().columnNames().contains("is_private"));
    }

    @Test
    void personalTeamsGetNoRow() {
        TeamPlan p = SwiftTeams.plan(Set.of("personal", "personal-" + B), Set.of("personal-" + B), Map.of(), Map.of(), Set.of());
        assertEquals(List.of(), p.rows());
    }

    @Test
    void theTeamsOfAgentsAndOfKeaRowsGetARowToo() {
        TeamPlan p = SwiftTeams.plan(Set.of(), Set.of(T2), Map.of(T2, "Sales"), Map.of(T, kea(T, false)), Set.of());
        assertEquals(List.of(T2, T), p.rows().stream().map(r -> r.get("id")).toList());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains(T) && n.contains("no tuple or agent")), p.notes()::toString);
    }

    @Test
    void aKeaPrivateTeamNeedsAPerson() {
        TeamPlan p = SwiftTeams.plan(Set.of(T), Set.of(), Map.of(T, "fredlab"), Map.of(T, kea(T, true)), Set.of());
        assertEquals(List.of(new PrivacyRisk(T, "fredlab", PrivacyRisk.Kind.PRIVATE_IN_KEA)), p.needsAPerson());
        assertTrue(p.needsAPerson().get(0).sentence().contains("every user"), p.needsAPerson().get(0).sentence());
    }

    @Test
    void aTeamWithoutAPublicTupleNeedsAPersonAndAPublicOneDoesNot() {
        TeamPlan p = SwiftTeams.plan(Set.of(T, T2), Set.of(), Map.of(T, "fredlab", T2, "Sales"), Map.of(), Set.of(T));
        assertEquals(List.of(new PrivacyRisk(T2, "Sales", PrivacyRisk.Kind.NO_PUBLIC_TUPLE)), p.needsAPerson());
    }

    @Test
    void namingDecisionsAndGroupsLeftBehindAreNoted() {
        TeamPlan p = SwiftTeams.plan(Set.of(T, T2), Set.of(), Map.of(T, "Ops", T3, "Empty"), Map.of(), Set.of(T, T2));
        assertTrue(p.notes().contains("team " + T2 + " has no Keycloak group: it is named after its id"), p.notes()::toString);
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("Empty") && n.contains("no swift team")), p.notes()::toString);
    }
}
