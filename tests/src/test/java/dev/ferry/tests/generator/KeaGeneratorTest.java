package dev.ferry.tests.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The runbook profile has the runbook's counts and kea's shapes (docs/reference/fred-stores.md §1, §3.1, §4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeaGeneratorTest {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");

    private final KeaDataset runbook = KeaGenerator.generate(Profile.runbook(), 42L);

    @Test
    void keycloakHasTheRunbookUsersTeamsAndClients() {
        assertEquals(500, runbook.users().size());
        assertEquals(10, runbook.teams().size());
        assertEquals(500, runbook.users().stream().map(KeaUser::username).distinct().count());
        assertEquals(500, runbook.users().stream().map(KeaUser::email).distinct().count());
        assertTrue(runbook.users().stream().allMatch(u -> UUID.matcher(u.id()).matches()));
        assertTrue(runbook.teams().stream().allMatch(t -> UUID.matcher(t.id()).matches()));
        // every team has members; users carry attributes, app client roles, passwords; some have TOTP and WebAuthn
        for (KeaTeam team : runbook.teams()) {
            assertTrue(runbook.users().stream().anyMatch(u -> u.teamIds().contains(team.id())), team.name());
        }
        assertTrue(runbook.users().stream().allMatch(u -> u.attributes().containsKey("department")));
        assertTrue(runbook.users().stream().allMatch(u -> u.password().length() >= 12));
        assertEquals(Set.of("admin", "editor", "viewer"), runbook.users().stream().flatMap(u -> u.appRoles().stream())
                .collect(Collectors.toSet()));
        long totp = runbook.users().stream().filter(KeaUser::hasTotp).count();
        assertTrue(totp > 20 && totp < 120, "TOTP users: " + totp);
        assertEquals(20, runbook.users().stream().filter(u -> u.webAuthn() != null).count());
        assertEquals(List.of("app", "agentic", "knowledge-flow", "control-plane"),
                runbook.clients().stream().map(KeaClient::clientId).toList());
        assertEquals(List.of("admin", "editor", "viewer"), runbook.clients().get(0).roles());
        assertTrue(runbook.clients().stream().skip(1).allMatch(c -> !c.publicClient() && c.secret().length() == 32));
    }

    @Test
    void agentsAreUuidTeamAndPersonalPlusCatalogAndSeedRow() {
        SqlTable agent = runbook.table("agent");
        List<Object> ids = agent.column("id");
        assertEquals(1500, ids.stream().filter(id -> UUID.matcher((String) id).matches()).count());
        assertTrue(ids.containsAll(List.of("Rico", "Tessa", "Spot", "SQL Agent", "BankTransfer",
                "DVARiskValidatorGraph", "__static_seeded__")));
        assertEquals(1507, ids.size());
        int seedRow = ids.indexOf("__static_seeded__");
        assertEquals("{}", agent.rows().get(seedRow).get(agent.columnIndex("payload_json")));
        List<Object> payloads = agent.column("payload_json");
        long team = payloads.stream().filter(p -> ((String) p).contains("\"team_id\"")).count();
        assertTrue(team > 400 && team < 800, "team agents: " + team);
        assertTrue(payloads.stream().anyMatch(p -> ((String) p).contains("\"definition_ref\":\"v2.react.basic\"")));
        assertTrue(payloads.stream().anyMatch(p -> ((String) p).contains("\"class_path\":\"agentic_backend.agents.v1.")));
        assertEquals(4, runbook.table("mcp-server").rows().size());
        assertEquals("__static_seeded__", runbook.table("mcp-server").rows().get(0).get(0));
    }

    @Test
    void knowledgeBaseHasDocumentsTagsAndResources() {
        SqlTable metadata = runbook.table("metadata");
        assertEquals(3000, metadata.rows().size());
        assertTrue(metadata.column("document_uid").stream().allMatch(uid -> HEX32.matcher((String) uid).matches()));
        for (List<Object> row : metadata.rows()) {
            @SuppressWarnings("unchecked")
            List<String> tagIds = (List<String>) row.get(metadata.columnIndex("tag_ids"));
            assertTrue(!tagIds.isEmpty() && ((String) row.get(metadata.columnIndex("doc")))
                    .contains("\"tag_ids\":[\"" + tagIds.get(0) + "\""));
        }
        SqlTable tag = runbook.table("tag");
        assertTrue(tag.column("path").stream().anyMatch(p -> p != null && ((String) p).contains("/")),
                "tags nest at least three levels");
        assertEquals(Set.of("document", "prompt", "template", "chat-context"), Set.copyOf(tag.column("type")));
        SqlTable resource = runbook.table("resource");
        assertEquals(Set.of("prompt", "template", "chat-context"), Set.copyOf(resource.column("resource_type")));
        assertTrue(resource.column("doc").stream().allMatch(d -> ((String) d).contains("\\n---\\n")));
    }

    @Test
    void otherAndSkippedTablesHaveRows() {
        SqlTable teams = runbook.table("teammetadata");
        assertTrue(teams.rows().size() >= 3 && teams.rows().size() < 10);
        assertTrue(teams.column("banner_object_storage_key").stream()
                .anyMatch(k -> k != null && ((String) k).matches("teams/[0-9a-f-]{36}/banner-[0-9a-f]{32}\\.(png|jpg)")));
        assertTrue(runbook.table("users").rows().size() > 200);
        assertTrue(runbook.table("users").column("gcuVersionAccepted").stream().allMatch("V1"::equals));
        for (String skipped : List.of("session", "session_history", "session_attachments", "session_purge_queue",
                "feedbacks", "tasks", "sched_workflow_tasks", "writable_documents", "v2_langgraph_checkpoint",
                "v2_langgraph_checkpoint_blob", "v2_langgraph_checkpoint_write")) {
            assertTrue(runbook.table(skipped).rows().size() > 0, skipped);
        }
    }

    @Test
    void everyPersistedTupleShapeIsPresent() {
        Set<String> shapes = runbook.tuples().stream().map(KeaGeneratorTest::shape).collect(Collectors.toSet());
        assertTrue(shapes.containsAll(Set.of("user owner agent", "team owner agent", "user owner tag", "team owner tag",
                "user editor tag", "user viewer tag", "team editor tag", "team viewer tag", "tag parent tag",
                "tag parent document", "tag parent resource", "user owner team", "user manager team",
                "user member team", "user:* public team", "organization organization team")), shapes.toString());
        assertTrue(runbook.tuples().contains(new FgaTuple("organization:fred", "organization", "team:personal")));
        assertEquals(runbook.tuples().size(), Set.copyOf(runbook.tuples()).size(), "no duplicate tuples");
    }

    @Test
    void usernameTwinsAndOrphansArePresent() {
        Map<String, String> subByName = runbook.users().stream()
                .collect(Collectors.toMap(u -> "user:" + u.username(), u -> "user:" + u.id()));
        Set<FgaTuple> all = Set.copyOf(runbook.tuples());
        List<FgaTuple> byName = runbook.tuples().stream()
                .filter(t -> t.user().startsWith("user:") && !t.user().equals("user:*")
                        && !UUID.matcher(t.user().substring(5)).matches()).toList();
        long twins = byName.stream().filter(t -> subByName.containsKey(t.user())
                && all.contains(new FgaTuple(subByName.get(t.user()), t.relation(), t.object()))).count();
        long orphans = byName.size() - twins;
        assertTrue(twins > 1000, "username twins: " + twins);
        assertTrue(orphans >= 3 && orphans <= 10, "orphans: " + orphans);
        long usersTwinned = byName.stream().map(FgaTuple::user).distinct().count();
        assertTrue(usersTwinned > 300, "most users are twinned: " + usersTwinned);
    }

    @Test
    void everyTupleIsValidUnderKeasModel() {
        ModelConformance model = new ModelConformance(KeaOpenFgaModel.tree());
        List<String> problems = runbook.tuples().stream().map(t -> {
            String p = model.problem(t);
            return p == null ? null : t + ": " + p;
        }).filter(p -> p != null).limit(5).toList();
        assertEquals(List.of(), problems);
        assertEquals("1.1", KeaOpenFgaModel.tree().path("schema_version").asText());
    }

    @Test
    void objectsFollowKeasBucketsAndKeyLayout() {
        Profile profile = Profile.runbook();
        assertEquals(profile.objectBytes(), runbook.objectBytes());
        assertEquals("kea-knowledge-flow-content-documents", KeaBucket.DOCUMENTS.bucketName("kea"));
        assertEquals("kea-knowledge-flow-content-objects", KeaBucket.OBJECTS.bucketName("kea"));
        assertEquals("kea-filesystem", KeaBucket.FILESYSTEM.bucketName("kea"));
        assertEquals("kea-control-plane-content-objects", KeaBucket.CONTROL_PLANE.bucketName("kea"));
        for (KeaBucket bucket : KeaBucket.values()) {
            assertTrue(!runbook.objectsIn(bucket).isEmpty(), bucket.name());
        }
        Set<Object> uids = Set.copyOf(runbook.table("metadata").column("document_uid"));
        for (ObjectSpec o : runbook.objectsIn(KeaBucket.DOCUMENTS)) {
            String uid = o.key().substring(0, 32);
            assertTrue(uids.contains(uid) && o.key().matches("[0-9a-f]{32}/(input/[^/]+|output/output\\.md|output/media/[^/]+)"),
                    o.key());
        }
        assertEquals(3000, runbook.objectsIn(KeaBucket.DOCUMENTS).stream().filter(o -> o.key().contains("/input/")).count());
        Set<Object> bannerKeys = Set.copyOf(runbook.table("teammetadata").column("banner_object_storage_key"));
        assertTrue(runbook.objectsIn(KeaBucket.CONTROL_PLANE).stream().allMatch(o -> bannerKeys.contains(o.key())));
        assertTrue(runbook.objectsIn(KeaBucket.OBJECTS).stream().anyMatch(o -> o.key().startsWith("agents/")));
        assertTrue(runbook.objectsIn(KeaBucket.OBJECTS).stream().anyMatch(o -> o.key().startsWith("users/")));
        assertTrue(runbook.objects().stream().anyMatch(o -> o.key().contains("—")));
        assertTrue(runbook.objects().stream().anyMatch(o -> o.key().matches(".*[\\u4e00-\\u9fff].*")));
        assertTrue(runbook.objects().stream().anyMatch(o -> o.key().contains("é") && o.key().contains(" ")));
        assertTrue(runbook.objects().stream().filter(o -> o.size() == 0).count() >= 3);
        assertEquals(1, runbook.objects().stream().filter(o -> o.size() > profile.volumeSize()).count());
        assertEquals(runbook.objects().size(), runbook.objects().stream()
                .map(o -> o.bucket() + "/" + o.key()).distinct().count(), "keys are unique per bucket");
    }

    private static String shape(FgaTuple t) {
        String user = t.user().equals("user:*") ? "user:*" : t.userType();
        return user + " " + t.relation() + " " + t.objectType();
    }
}
