package dev.ferry.importer.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.importer.upgrade.agents.AgentOutcome;
import dev.ferry.importer.upgrade.agents.AgentOwners;
import dev.ferry.importer.upgrade.agents.AgentUpgrade;
import dev.ferry.importer.upgrade.agents.TemplateMapping;
import dev.ferry.importer.upgrade.objects.BucketMapping;
import dev.ferry.importer.upgrade.objects.ObjectLocation;
import dev.ferry.importer.upgrade.rows.ChatContextPrompts;
import dev.ferry.importer.upgrade.rows.KeaToSwiftRows;
import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.importer.upgrade.rows.RowMapper;
import dev.ferry.importer.upgrade.rows.RowOutcome;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.teams.KeaTeamRow;
import dev.ferry.importer.upgrade.teams.SwiftTeams;
import dev.ferry.importer.upgrade.teams.TeamPlan;
import dev.ferry.importer.upgrade.tuples.FgaTuple;
import dev.ferry.importer.upgrade.tuples.PersonalTeams;
import dev.ferry.importer.upgrade.tuples.TupleSink;
import dev.ferry.importer.upgrade.tuples.TupleUpgrade;
import dev.ferry.importer.upgrade.tuples.TupleUpgradeInputs;
import dev.ferry.importer.upgrade.tuples.TupleUpgradeResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The swift fixtures end to end, at the level of the pure functions: the kea side of each fixture goes through every
 * transform the way phase 2 will drive them, and every swift table, the tuple set, the objects and the outcome must
 * be the fixture's swift side. {@code worked-example} is docs/reference/fred-stores.md §7 (its README lists where it departs from
 * §7: created_by follows §5.6); {@code rehearsal} is §7 plus what the chapter 2 rehearsal needs (a GAP, an IGNORED
 * sample, catalog and leader rows, a team without a teammetadata row, a member known only from Keycloak, a private
 * team, platform roles, nested and library tags), its expected side derived by hand from docs/reference/fred-stores.md.
 */
class WorkedExamplesTest {

    /** Everything one run of the upgrade produces. */
    record Upgraded(Map<String, List<TargetRow>> tables, List<FgaTuple> tuples, TupleUpgradeResult tupleResult, List<AgentOutcome> agents,
            TeamPlan teams, Map<String, Long> rowsSkipped, List<ObjectLocation> objects) {
    }

    static Upgraded upgrade(String fixture) {
        Path keaDir = Fixtures.swift().resolve(fixture).resolve("kea");
        JsonNode keycloak = Fixtures.json(keaDir.resolve("keycloak.json"));
        Map<String, Set<String>> groupMembers = new TreeMap<>();
        Map<String, String> groupNames = new TreeMap<>();
        for (JsonNode g : keycloak.path("groups")) {
            Set<String> members = new TreeSet<>();
            g.path("members").forEach(m -> members.add(m.asText()));
            groupMembers.put(g.path("id").asText(), members);
            groupNames.put(g.path("id").asText(), g.path("name").asText());
        }
        Map<String, Set<String>> appRoles = new TreeMap<>();
        keycloak.path("appClientRoles").fields().forEachRemaining(e -> {
            Set<String> holders = new TreeSet<>();
            e.getValue().forEach(h -> holders.add(h.asText()));
            appRoles.put(e.getKey(), holders);
        });
        Map<String, KeaTeamRow> keaTeams = new LinkedHashMap<>();
        Fixtures.rows(keaDir.resolve("teammetadata.jsonl")).forEach(r -> keaTeams.put(r.text("id"), KeaTeamRow.of(r)));
        Set<String> privateTeams = new HashSet<>();
        keaTeams.values().stream().filter(KeaTeamRow::isPrivate).forEach(t -> privateTeams.add(t.id()));

        // One pass over the kea tuples feeds both the tuple upgrade and the agent owner index, as phase 2 will.
        AgentOwners owners = new AgentOwners();
        Iterator<FgaTuple> kea = Fixtures.tuples(keaDir.resolve("tuples.json")).iterator();
        Iterator<FgaTuple> teed = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return kea.hasNext();
            }

            @Override
            public FgaTuple next() {
                FgaTuple t = kea.next();
                owners.accept(t);
                return t;
            }
        };
        List<FgaTuple> written = new ArrayList<>();
        TupleUpgradeResult tuples = new TupleUpgrade(TupleUpgradeInputs.of(groupMembers, appRoles, privateTeams)).run(teed, new TupleSink() {
            @Override
            public void write(FgaTuple swift) {
                written.add(swift);
            }
        });

        Map<String, List<TargetRow>> tables = new LinkedHashMap<>();
        Map<String, Long> skipped = new TreeMap<>();
        AgentUpgrade agentUpgrade = new AgentUpgrade(TemplateMapping.defaults(), owners);
        List<AgentOutcome> agents = sortedBy(Fixtures.rows(keaDir.resolve("agent.jsonl")), "id").stream().map(agentUpgrade::map).toList();
        List<TargetRow> instances = agents.stream().filter(a -> a instanceof AgentOutcome.Mapped).map(a -> ((AgentOutcome.Mapped) a).row()).toList();
        Set<String> agentTeams = new TreeSet<>();
        instances.forEach(r -> agentTeams.add((String) r.get("team_id")));

        TeamPlan teams = SwiftTeams.plan(tuples.referencedTeams(), agentTeams, groupNames, keaTeams, tuples.teamsMadePublic());
        tables.put("teammetadata", teams.rows());
        for (RowMapper m : KeaToSwiftRows.all()) {
            List<TargetRow> rows = new ArrayList<>();
            for (Row r : sortedBy(Fixtures.rows(keaDir.resolve(m.sourceTable() + ".jsonl")), m.sourceKey().get(0))) {
                RowOutcome o = m.map(r);
                if (o instanceof RowOutcome.Write w) {
                    rows.add(w.row());
                } else {
                    skipped.merge(m.target().name(), 1L, Long::sum);
                }
            }
            tables.put(m.target().name(), rows);
        }
        ChatContextPrompts prompts = new ChatContextPrompts();
        List<TargetRow> promptRows = new ArrayList<>();
        for (Row r : sortedBy(Fixtures.rows(keaDir.resolve("resource.jsonl")), "resource_id")) {
            RowOutcome o = prompts.map(r);
            if (o instanceof RowOutcome.Write w) {
                promptRows.add(w.row());
            } else {
                skipped.merge("prompt", 1L, Long::sum);
            }
        }
        tables.put("prompt", promptRows);
        tables.put("agent_instance", instances);

        BucketMapping buckets = BucketMapping.defaults();
        List<ObjectLocation> objects = new ArrayList<>();
        Fixtures.json(keaDir.resolve("objects.json"))
                .forEach(o -> objects.add(buckets.map(new ObjectLocation(o.path("bucket").asText(), o.path("key").asText()))));
        return new Upgraded(tables, written, tuples, agents, teams, skipped, objects);
    }

    static List<Row> sortedBy(List<Row> rows, String key) {
        return rows.stream().sorted(Comparator.comparing(r -> r.text(key))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void everySwiftTableIsTheExpectedOne(String fixture) {
        Path swiftDir = Fixtures.swift().resolve(fixture).resolve("swift");
        Upgraded u = upgrade(fixture);
        for (Map.Entry<String, List<TargetRow>> t : u.tables().entrySet()) {
            Fixtures.assertRows(swiftDir.resolve(t.getKey() + ".jsonl"), t.getValue());
        }
        assertEquals(Set.of("teammetadata", "users", "tag", "metadata", "resource", "prompt", "agent_instance"), u.tables().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void theSwiftTupleSetIsTheExpectedOneWithNoRepeat(String fixture) {
        Path swiftDir = Fixtures.swift().resolve(fixture).resolve("swift");
        Upgraded u = upgrade(fixture);
        assertEquals(new TreeSet<>(Fixtures.tuples(swiftDir.resolve("tuples.json"))), new TreeSet<>(u.tuples()));
        assertEquals(u.tuples().size(), new HashSet<>(u.tuples()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void theTupleTallyIsTheExpectedOne(String fixture) {
        Path swiftDir = Fixtures.swift().resolve(fixture).resolve("swift");
        JsonNode expected = Fixtures.json(swiftDir.resolve("outcome.json")).path("tuples");
        var tally = upgrade(fixture).tupleResult().tally();
        assertEquals(expected.path("storedRead").asLong(), tally.storedRead());
        assertEquals(expected.path("storedMapped").asLong(), tally.storedMapped());
        Map<String, Long> written = new TreeMap<>();
        tally.written().forEach((rule, n) -> written.put(rule.name(), n));
        assertEquals(counts(expected.path("written")), written);
        Map<String, Long> droppedStored = new TreeMap<>();
        tally.droppedStored().forEach((r, n) -> droppedStored.put(r.name(), n));
        assertEquals(counts(expected.path("droppedStored")), droppedStored);
        Map<String, Long> droppedContextual = new TreeMap<>();
        tally.droppedContextual().forEach((r, n) -> droppedContextual.put(r.name(), n));
        assertEquals(counts(expected.path("droppedContextual")), droppedContextual);
        assertEquals(expected.path("memberTuplesWithoutGroup").asLong(), tally.memberTuplesWithoutGroup());
        assertEquals(tally.storedRead(), tally.storedMapped() + tally.totalDroppedStored());
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void theAgentOutcomesAreTheExpectedOnes(String fixture) {
        Path swiftDir = Fixtures.swift().resolve(fixture).resolve("swift");
        JsonNode expected = Fixtures.json(swiftDir.resolve("outcome.json")).path("agents");
        Map<AgentOutcome.Status, List<String>> byStatus = new TreeMap<>();
        Map<String, String> skipped = new TreeMap<>();
        for (AgentOutcome a : upgrade(fixture).agents()) {
            if (a instanceof AgentOutcome.Skipped s) {
                skipped.put(s.agentId(), s.kind().name());
            } else {
                byStatus.computeIfAbsent(a.status(), k -> new ArrayList<>()).add(a.agentId());
            }
        }
        for (AgentOutcome.Status s : List.of(AgentOutcome.Status.MAPPED, AgentOutcome.Status.IGNORED, AgentOutcome.Status.GAP)) {
            List<String> ids = new ArrayList<>();
            expected.path(s.name()).forEach(i -> ids.add(i.asText()));
            assertEquals(ids.stream().sorted().toList(), byStatus.getOrDefault(s, List.of()).stream().sorted().toList(), s.name());
        }
        Map<String, String> expectedSkipped = new TreeMap<>();
        expected.path("SKIPPED").fields().forEachRemaining(e -> expectedSkipped.put(e.getKey(), e.getValue().asText()));
        assertEquals(expectedSkipped, skipped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void noTeamNeedsAPersonAndNothingIsSkippedThatShouldNotBe(String fixture) {
        Path swiftDir = Fixtures.swift().resolve(fixture).resolve("swift");
        JsonNode outcome = Fixtures.json(swiftDir.resolve("outcome.json"));
        Upgraded u = upgrade(fixture);
        List<String> expectedRisks = new ArrayList<>();
        outcome.path("needsAPerson").forEach(r -> expectedRisks.add(r.path("teamId").asText() + " " + r.path("name").asText() + " " + r.path("kind").asText()));
        assertEquals(expectedRisks, u.teams().needsAPerson().stream().map(r -> r.teamId() + " " + r.name() + " " + r.kind()).toList());
        Map<String, Long> skipped = new TreeMap<>(counts(outcome.path("rowsSkipped")));
        skipped.values().removeIf(n -> n == 0);
        assertEquals(skipped, u.rowsSkipped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void objectsKeepTheirKeysInTheSwiftBuckets(String fixture) {
        Path swiftDir = Fixtures.swift().resolve(fixture).resolve("swift");
        List<ObjectLocation> expected = new ArrayList<>();
        Fixtures.json(swiftDir.resolve("objects.json")).forEach(o -> expected.add(new ObjectLocation(o.path("bucket").asText(), o.path("key").asText())));
        assertEquals(expected, upgrade(fixture).objects());
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void bobsPersonalAgentAndPromptLiveInHisPersonalTeam(String fixture) {
        Upgraded u = upgrade(fixture);
        String bob = "b7e41c09-2d5a-4f88-a3c6-0e9d1f2b7a65";
        assertTrue(u.tables().get("agent_instance").stream().anyMatch(r -> PersonalTeams.teamId(bob).equals(r.get("team_id")) && bob.equals(r.get("created_by"))));
        assertEquals(PersonalTeams.teamId(bob), u.tables().get("prompt").get(0).get("team_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example", "rehearsal"})
    void aSecondRunProducesExactlyTheSameRowsAndTuples(String fixture) {
        Upgraded first = upgrade(fixture);
        Upgraded second = upgrade(fixture);
        assertEquals(first.tables(), second.tables());
        assertEquals(first.tuples(), second.tuples());
        assertEquals(first.tupleResult(), second.tupleResult());
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> m = new TreeMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
