package dev.ferry.importer.upgrade.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.importer.upgrade.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TeamNamesTest {
    static final String T1 = "1a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";
    static final String T2 = "2b2f3c2e-7d44-4b0a-9e15-c8b2d4f6a302";
    static final String T3 = "3c3f3c2e-7d44-4b0a-9e15-c8b2d4f6a303";

    @Test
    void theNameIsTheKeycloakGroupName() {
        assertEquals(Map.of(T1, "fredlab", T2, "Sales"), TeamNames.assign(List.of(T1, T2), Map.of(T1, "fredlab", T2, "Sales")));
    }

    @Test
    void aTeamWithoutGroupIsNamedAfterItsId() {
        Map<String, String> groups = new HashMap<>();
        groups.put(T2, " ");
        assertEquals(Map.of(T1, T1, T2, T2), TeamNames.assign(List.of(T1, T2), groups));
    }

    @Test
    void aLongGroupNameIsShortenedTo180CodePoints() {
        String name = TeamNames.assign(List.of(T1), Map.of(T1, "\uD83D\uDE80".repeat(200))).get(T1);
        assertEquals(180, Text.length(name));
    }

    @Test
    void inAClashTheSmallestIdKeepsTheNameAndTheOthersGetTheirIdPrefix() {
        String prefix = "x".repeat(180);
        Map<String, String> groups = Map.of(T1, prefix + "-a", T2, prefix + "-b", T3, "unique");
        Map<String, String> names = TeamNames.assign(List.of(T3, T2, T1), groups);
        assertEquals(prefix, names.get(T1));
        assertEquals("x".repeat(180 - 11) + " (2b2f3c2e)", names.get(T2));
        assertEquals("unique", names.get(T3));
    }

    @Test
    void anIdFallbackThatEqualsAnotherTeamsGroupNameIsDeDuplicatedToo() {
        Map<String, String> names = TeamNames.assign(List.of(T1, T2), Map.of(T2, T1));
        assertEquals(T1, names.get(T1));
        assertEquals(T1 + " (2b2f3c2e)", names.get(T2));
    }

    @Test
    void aUniqueNameIsNeverTakenByAnotherTeamsSuffixedOne() {
        Map<String, String> names = TeamNames.assign(List.of(T1, T2, T3), Map.of(T1, "Ops", T2, "Ops", T3, "Ops (2b2f3c2e)"));
        assertEquals("Ops", names.get(T1));
        assertEquals("Ops (2b2f3c2e)", names.get(T3));
        assertEquals("Ops (" + T2 + ")", names.get(T2));
    }

    @Test
    void theNamesDoNotDependOnTheInputOrder() {
        Map<String, String> groups = Map.of(T1, "Ops", T2, "Ops", T3, "Ops");
        Map<String, String> expected = TeamNames.assign(List.of(T1, T2, T3), groups);
        for (long seed = 1; seed <= 5; seed++) {
            List<String> ids = new ArrayList<>(List.of(T1, T2, T3));
            Collections.shuffle(ids, new Random(seed));
            assertEquals(expected, TeamNames.assign(ids, groups));
        }
        assertEquals(3, expected.values().stream().distinct().count());
    }
}
