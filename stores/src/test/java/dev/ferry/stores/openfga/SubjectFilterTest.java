package dev.ferry.stores.openfga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectFilterTest {
    private static final String ALICE_ID = "3f6c2a1e-9b4d-4e7a-8c21-5d0f7a9e1b42";
    private static final Map<String, String> USERS = Map.of("alice", ALICE_ID);

    private static TupleRecord tuple(String user, String relation, String object) {
        return new TupleRecord(user, relation, object, null, "2026-01-01T00:00:00Z");
    }

    @Test
    void subjectsThatAreNoUsernameAreKeptAsTheyAre() {
        SubjectFilter filter = new SubjectFilter(false, USERS);
        for (TupleRecord t : List.of(tuple("user:" + ALICE_ID, "owner", "team:t"), tuple("user:*", "viewer", "agent:a"),
                tuple("team:t", "owner", "agent:a"), tuple("team:t#member", "viewer", "document:d"))) {
            SubjectFilter.Decision d = filter.decide(t);
            assertEquals(SubjectFilter.Verdict.KEEP, d.verdict(), t.key());
            assertEquals(t, d.tuple());
        }
    }

    @Test
    void usernameSubjectsAreDroppedUnlessMapping() {
        TupleRecord byName = tuple("user:alice", "owner", "team:t");
        SubjectFilter.Decision dropped = new SubjectFilter(false, USERS).decide(byName);
        assertEquals(SubjectFilter.Verdict.DROP, dropped.verdict());
        assertEquals(byName, dropped.tuple());

        SubjectFilter.Decision mapped = new SubjectFilter(true, USERS).decide(byName);
        assertEquals(SubjectFilter.Verdict.MAP, mapped.verdict());
        assertEquals("team:t#owner@user:" + ALICE_ID, mapped.tuple().key());
    }

    @Test
    void mappingKeepsTheConditionAndDropsAUsernameNoUserOfTheBundleHas() throws Exception {
        TupleRecord conditioned = TupleRecord.fromJson(new ObjectMapper().readTree(
                "{\"user\":\"user:alice\",\"relation\":\"r\",\"object\":\"doc:1\",\"condition\":{\"name\":\"c\",\"context\":{\"a\":1}}}"));
        SubjectFilter map = new SubjectFilter(true, USERS);
        assertEquals("doc:1#r@user:" + ALICE_ID + "|c|{\"a\":1}\n", map.decide(conditioned).tuple().fingerprintLine());
        assertEquals(SubjectFilter.Verdict.DROP, map.decide(tuple("user:mallory", "owner", "team:t")).verdict());
    }

    @Test
    void theSelectionWritesEachKeyOnceAndAKeptTupleWinsOverItsMappedTwin() {
        TupleRecord uuid = tuple("user:" + ALICE_ID, "owner", "team:t");
        TupleRecord twin = tuple("user:alice", "owner", "team:t");           // collapses onto uuid
        TupleRecord onlyByName = tuple("user:alice", "viewer", "agent:a");   // mapped
        TupleRecord unknown = tuple("user:mallory", "owner", "team:t");      // dropped, may be lost
        TupleRecord team = tuple("team:t", "owner", "agent:a");

        SubjectFilter.Selection s = new SubjectFilter(true, USERS).select();
        List<TupleRecord> written = new ArrayList<>();
        for (TupleRecord t : List.of(twin, onlyByName, uuid, unknown, team, team)) {
            s.offer(t).ifPresent(written::add);
        }
        assertEquals(List.of(uuid, team), written, "kept tuples go out as they stream by, each key once");
        List<TupleRecord> mapped = s.finish();
        assertEquals(List.of("agent:a#viewer@user:" + ALICE_ID), mapped.stream().map(TupleRecord::key).toList());
        assertEquals(List.of(unknown), s.dropped());
        assertEquals(3, s.usernameForm().size());
        assertTrue(s.mayBeLost(unknown));
    }

    @Test
    void droppingTellsWhetherADroppedGrantHasAUuidTwin() {
        TupleRecord uuid = tuple("user:" + ALICE_ID, "owner", "team:t");
        TupleRecord twin = tuple("user:alice", "owner", "team:t");
        TupleRecord alone = tuple("user:alice", "viewer", "agent:a");
        SubjectFilter.Selection s = new SubjectFilter(false, USERS).select();
        List.of(twin, alone, uuid).forEach(s::offer);
        assertEquals(List.of(), s.finish(), "nothing is mapped when dropping");
        assertEquals(List.of(twin, alone), s.dropped());
        assertFalse(s.mayBeLost(twin), "the Target holds the same grant by id");
        assertTrue(s.mayBeLost(alone));
    }

    @Test
    void droppedIsKnownOnlyOnceTheSetEnded() {
        SubjectFilter.Selection s = new SubjectFilter(false, Map.of()).select();
        assertThrows(IllegalStateException.class, s::dropped);
        s.finish();
        assertThrows(IllegalStateException.class, () -> s.offer(tuple("team:t", "owner", "agent:a")));
    }
}
