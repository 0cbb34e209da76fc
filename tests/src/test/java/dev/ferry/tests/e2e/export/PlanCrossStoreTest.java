package dev.ferry.tests.e2e.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.OpenFgaProbe;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.GroupRepresentation;

/**
 * {@code ferry-export plan} runs validate's cross-store rules on the Source, against real stores, so that what validate
 * would report on the Target is known before the window. The Source violates both rules: a team tuple names a team
 * that is no Keycloak group, another names a subgroup (kea's teams are root groups only), and a document tuple names a
 * document without a metadata row. The plan names each, in --json and in the text an operator reads (pointing at the
 * operator guide), and counts teams as root groups; the plan of a delta (--since) runs the same rules. None of this
 * stops the export: the bundle carries the Source as it is.
 */
@ExtendWith(StoresExtension.class)
class PlanCrossStoreTest {
    private static final SeedNames SEED_NAMES = new SeedNames("plancross", "plan-cross", "plancross");
    private static final ExportFixture.Names NAMES = new ExportFixture.Names("plancross", "plan-cross", "plancross");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GHOST_TEAM = "0badc0de-0000-4000-8000-000000000001";
    private static final String GHOST_DOCUMENT = "ghost-document-without-metadata";

    @TempDir
    Path dir;

    @Test
    void planReportsTheSourcesCrossStoreProblemsBeforeTheWindow(Stores stores) throws Exception {
        KeaDataset dataset = KeaGenerator.generate(Profile.small(), 21_021L);
        StoreSet s = stores.source();
        StoreSet source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "plan_cross_src"), s.keycloak(), s.openfga(), s.s3());
        KeaSeeder.seed(dataset, source, SEED_NAMES);

        // A subgroup of the first team: a Keycloak group, but not a team.
        String team = dataset.teams().get(0).id();
        String subgroup;
        KeycloakEndpoint kc = source.keycloak();
        try (Keycloak admin = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli")) {
            GroupRepresentation g = new GroupRepresentation();
            g.setName("not-a-team");
            try (Response r = admin.realm(NAMES.realm()).groups().group(team).subGroup(g)) {
                assertEquals(201, r.getStatus());
                String location = r.getLocation().getPath();
                subgroup = location.substring(location.lastIndexOf('/') + 1);
            }
        }
        FgaTuple teamTuple = dataset.tuples().stream().filter(t -> t.object().startsWith("team:") && t.user().startsWith("user:"))
                .findFirst().orElseThrow();
        FgaTuple documentTuple = dataset.tuples().stream().filter(t -> t.object().startsWith("document:")).findFirst().orElseThrow();
        OpenFgaProbe fga = new OpenFgaProbe(source.openfga().apiUrl());
        fga.write(fga.storeId(NAMES.fgaStore()), List.of(new FgaTuple(teamTuple.user(), teamTuple.relation(), "team:" + GHOST_TEAM),
                new FgaTuple(teamTuple.user(), teamTuple.relation(), "team:" + subgroup),
                new FgaTuple(documentTuple.user(), documentTuple.relation(), "document:" + GHOST_DOCUMENT)));

        Path config = ExportFixture.sourceYaml(dir.resolve("cfg"), source, NAMES);
        ExportFixture.Result json = ExportFixture.run(dir, "plan", "--config", config.toString(), "--json");
        assertEquals(0, json.exitCode(), json::toString);
        JsonNode plan = JSON.readTree(json.stdout());
        assertEquals(dataset.teams().size(), plan.at("/keycloak/teams").asLong(), "teams are the root groups");
        assertEquals(dataset.teams().size() + 1, plan.at("/keycloak/groups").asLong(), "groups count the subgroup too");
        assertFindings(plan.path("crossStore"));

        ExportFixture.Result text = ExportFixture.run(dir, "plan", "--config", config.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.stdout().contains("Cross-store Every team in the tuples is a Keycloak root group: 2 of "), text::toString);
        assertTrue(text.stdout().contains("  - team:" + subgroup + " appears in tuples but is not a Keycloak root group on the Source"),
                text::toString);
        assertTrue(text.stdout().contains("Cross-store Every document tuple has a metadata row: 1 of "), text::toString);
        assertTrue(text.stdout().contains("  - document:" + GHOST_DOCUMENT + " has tuples but no metadata row on the Source"), text::toString);
        assertTrue(text.stdout().contains("docs/operator-guide-source.md"), text::toString);

        // The plan of a delta runs the same rules.
        ExportFixture.Keys keys = ExportFixture.Keys.generate(dir.resolve("keys"));
        Path out = dir.resolve("out");
        ExportFixture.Result run = ExportFixture.run(dir, ExportFixture.runArgs(config, keys, out, "--live"));
        assertEquals(0, run.exitCode(), run::toString);
        ExportFixture.Result since = ExportFixture.run(dir, "plan", "--config", config.toString(), "--since",
                ExportFixture.bundleIn(out).toString(), "--signing-key", keys.signer().secretKey().toString(), "--json");
        assertEquals(0, since.exitCode(), since::toString);
        assertFindings(JSON.readTree(since.stdout()).path("crossStore"));
    }

    private static void assertFindings(JsonNode crossStore) {
        JsonNode teams = check(crossStore, "cross.teams-are-groups");
        List<String> teamProblems = texts(teams.path("problems"));
        assertEquals(2, teamProblems.size(), teams::toString);
        assertTrue(teamProblems.contains("team:" + GHOST_TEAM + " appears in tuples but is not a Keycloak root group on the Source"),
                teams::toString);
        JsonNode docs = check(crossStore, "cross.documents-have-metadata");
        assertEquals(List.of("document:" + GHOST_DOCUMENT + " has tuples but no metadata row on the Source"), texts(docs.path("problems")),
                docs::toString);
        assertTrue(docs.path("checked").asLong() > 1, docs::toString);
        assertEquals(0, crossStore.path("notRun").size(), crossStore::toString);
    }

    private static JsonNode check(JsonNode crossStore, String id) {
        for (JsonNode c : crossStore.path("checks")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no cross-store check " + id + " in " + crossStore);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
