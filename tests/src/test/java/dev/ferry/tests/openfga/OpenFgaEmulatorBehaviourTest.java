package dev.ferry.tests.openfga;

import static dev.ferry.tests.openfga.Fixtures.MODEL_M;
import static dev.ferry.tests.openfga.Fixtures.ULID;
import static dev.ferry.tests.openfga.Fixtures.UNKNOWN_ID;
import static dev.ferry.tests.openfga.Fixtures.deletes;
import static dev.ferry.tests.openfga.Fixtures.key;
import static dev.ferry.tests.openfga.Fixtures.writes;
import static dev.ferry.tests.openfga.RawFga.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Contract rules beyond the §10 cases: the rest of §4's error table, §6 model checks, transport details. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenFgaEmulatorBehaviourTest {
    private OpenFgaEmulator emulator;
    private RawFga fga;
    private String store;

    @BeforeAll
    void start() {
        emulator = OpenFgaEmulator.start();
        fga = new RawFga(emulator.apiUrl());
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @BeforeEach
    void newStore() {
        store = fga.post("/stores", "{\"name\":\"behaviour\"}").body().get("id").asText();
    }

    private String path(String suffix) {
        return "/stores/" + store + suffix;
    }

    private String writeModel(String model) {
        RawFga.Reply reply = fga.post(path("/authorization-models"), model);
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.body().get("authorization_model_id").asText();
    }

    private RawFga.Reply write(String body) {
        return fga.post(path("/write"), body);
    }

    private List<String> readAll() {
        List<String> all = new ArrayList<>();
        String token = "";
        do {
            RawFga.Reply page = fga.post(path("/read"), "{\"page_size\":100,\"continuation_token\":\"" + token + "\"}");
            assertEquals(200, page.status(), page.body().toString());
            page.body().get("tuples").forEach(t -> all.add(t.at("/key/object").asText() + "#"
                    + t.at("/key/relation").asText() + "@" + t.at("/key/user").asText()));
            token = page.body().get("continuation_token").asText();
        } while (!token.isEmpty());
        return all;
    }

    private static void assertError(RawFga.Reply reply, int status, String code, String message) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(code, reply.code());
        assertEquals(message, reply.message());
        assertEquals("application/json", reply.raw().headers().firstValue("Content-Type").orElse(""));
    }

    private void assertInvalidTuple(String tuple, String reason) {
        assertError(write(writes(tuple)), 400, "validation_error", reason);
    }

    @Test
    void failedWriteHalfRollsBackTheDeletes() {
        writeModel(MODEL_M);
        assertEquals(200, write(writes(key("document:1", "viewer", "user:anne"), key("document:2", "viewer", "user:bob")))
                .status());
        RawFga.Reply reply = write("{\"deletes\":{\"tuple_keys\":[" + key("document:1", "viewer", "user:anne")
                + "]},\"writes\":{\"tuple_keys\":[" + key("document:2", "viewer", "user:bob") + "]}}");
        assertEquals("write_failed_due_to_invalid_input", reply.code());
        assertEquals(List.of("document:1#viewer@user:anne", "document:2#viewer@user:bob"), readAll());
    }

    @Test
    void onMissingOptions() {
        writeModel(MODEL_M);
        String zed = key("document:3", "viewer", "user:zed");
        assertEquals("write_failed_due_to_invalid_input",
                write("{\"deletes\":{\"tuple_keys\":[" + zed + "],\"on_missing\":\"error\"}}").code());
        assertError(write("{\"deletes\":{\"tuple_keys\":[" + zed + "],\"on_missing\":\"bad\"}}"), 400,
                "validation_error", "invalid on_missing option: bad");
    }

    @Test
    void deleteThenRewriteMovesTheTupleToTheEndAndLogsBoth() {
        writeModel(MODEL_M);
        write(writes(key("document:1", "viewer", "user:anne"), key("document:2", "viewer", "user:bob")));
        assertEquals(200, write(deletes(key("document:1", "viewer", "user:anne"))).status());
        assertEquals(200, write(writes(key("document:1", "viewer", "user:anne"))).status());
        assertEquals(List.of("document:2#viewer@user:bob", "document:1#viewer@user:anne"), readAll());
        assertEquals(4, fga.get(path("/changes")).body().get("changes").size());
    }

    @Test
    void typeRestrictionMessages() {
        writeModel(MODEL_M);
        String prefix = "Invalid tuple '";
        assertInvalidTuple(key("document:1", "editor", "user:*"), prefix + "document:1#editor@user:*'. Reason: the typed"
                + " wildcard 'user:*' is not an allowed type restriction for 'document#editor'");
        assertInvalidTuple(key("document:1", "editor", "group:eng#member"), prefix + "document:1#editor@group:eng#member'."
                + " Reason: 'group#member' is not an allowed type restriction for 'document#editor'");
        assertInvalidTuple(key("document:1", "viewer", "team:x#member"), prefix + "document:1#viewer@team:x#member'."
                + " Reason: type 'team' not found");
        assertInvalidTuple(key("document:1", "viewer", "user:x#member"), prefix + "document:1#viewer@user:x#member'."
                + " Reason: relation 'user#member' not found");
        assertInvalidTuple(key("document:1", "viewer", "document:1#viewer"), prefix
                + "document:1#viewer@document:1#viewer'. Reason: cannot write a tuple that is implicit");
        assertInvalidTuple(key("document:1", "viewer", "user:anne smith"), prefix
                + "document:1#viewer@user:anne smith'. Reason: the 'user' field is malformed");
        assertInvalidTuple(key("document1", "viewer", "user:anne"), prefix
                + "document1#viewer@user:anne'. Reason: invalid 'object' field format");
        assertError(write(writes(key("document:1", "view er", "user:anne"))), 400, "validation_error",
                "invalid TupleKey.Relation: value does not match regex pattern \"^[^:#@\\\\s]{1,50}$\"");
    }

    @Test
    void conditionMessages() {
        writeModel(MODEL_M);
        String restricted = "{\"object\":\"document:1\",\"relation\":\"restricted\",\"user\":\"user:anne\",\"condition\":";
        String reason = "Invalid tuple 'document:1#restricted@user:anne'. Reason: ";
        assertInvalidTuple(restricted + "{\"name\":\"nope\"}}", reason + "undefined condition");
        assertInvalidTuple(restricted + "{\"name\":\"in_range\",\"context\":{\"y\":1}}}",
                reason + "found invalid context parameter: y");
        assertInvalidTuple("{\"object\":\"document:1\",\"relation\":\"viewer\",\"user\":\"user:anne\",\"condition\":"
                + "{\"name\":\"in_range\"}}", "Invalid tuple 'document:1#viewer@user:anne'. Reason: invalid condition"
                + " for type restriction");
        String huge = "x".repeat(33 * 1024);
        assertInvalidTuple(restricted + "{\"name\":\"in_range\",\"context\":{\"x\":\"" + huge + "\"}}}",
                reason + "condition context size limit exceeded: " + (huge.length() + 8) + " bytes exceeds 32768 bytes");
        assertEquals(200, write(writes(restricted + "{\"name\":\"in_range\",\"context\":{\"x\":3}}}")).status());
        // Under ignore, the same context written as 3.0 is the same Struct value.
        assertEquals(200, write(Fixtures.writesWith("ignore", restricted + "{\"name\":\"in_range\",\"context\":{\"x\":3.0}}}"))
                .status());
        // Deletes ignore any condition.
        assertEquals(200, write(deletes(restricted + "{\"name\":\"other\"}}")).status());
        assertEquals(List.of(), readAll());
    }

    @Test
    void modelValidation() {
        String user = "{\"type\":\"user\"}";
        assertError(fga.post(path("/authorization-models"), "{\"schema_version\":\"1.1\",\"type_definitions\":[]}"), 400,
                "type_definitions_too_few_items",
                "invalid WriteAuthorizationModelRequest.TypeDefinitions: value must contain at least 1 item(s)");
        assertError(fga.post(path("/authorization-models"), "{\"schema_version\":\"1.1\",\"type_definitions\":["
                + user + "," + user + "]}"), 400, "invalid_authorization_model",
                "an authorization model cannot contain duplicate types");
        StringBuilder many = new StringBuilder("{\"schema_version\":\"1.1\",\"type_definitions\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"t").append(i).append("\"}");
        }
        assertError(fga.post(path("/authorization-models"), many + "]}"), 400, "exceeded_entity_limit",
                "The number of type definitions in an authorization model exceeds the allowed limit of 100");
        assertError(fga.post(path("/authorization-models"), MODEL_M.replace("\"in_range\":{\"name\":\"in_range\"",
                "\"in_range\":{\"name\":\"other\"")), 400, "invalid_authorization_model",
                "condition key 'in_range' does not match condition name 'other'");
        assertError(fga.post(path("/authorization-models"), MODEL_M.replace("\"1.1\"", "\"1.2\"").replace(
                "{\"type\":\"group\",\"relation\":\"member\"}", "{\"type\":\"team\"}")), 400,
                "invalid_authorization_model", "the relation type 'team' on 'viewer' in object type 'document' is not valid");
        assertError(fga.post(path("/authorization-models"), MODEL_M.replace("x < 10", "x < 10" + " && x < 10".repeat(60))),
                400, "validation_error", "invalid Condition.Expression: value length must be at most 512 bytes");
        RawFga.Reply badVersion = fga.post(path("/authorization-models"), MODEL_M.replace("\"1.1\"", "\"2.0\""));
        assertEquals("validation_error", badVersion.code());
        assertEquals(List.of(), ids(fga.get(path("/authorization-models")).body().get("authorization_models")));
    }

    @Test
    void modelSizeLimitCountsProtobufBytes() {
        RawFga.Reply tooBig = fga.post(path("/authorization-models"), computedRelations(12_000));
        assertEquals("exceeded_entity_limit", tooBig.code());
        assertTrue(tooBig.message().matches("model exceeds size limit: \\d+ bytes vs 262144 bytes"), tooBig.message());
        // About 216 KB as protobuf though twice that as JSON: the limit counts protobuf bytes.
        assertEquals(201, fga.post(path("/authorization-models"), computedRelations(8_000)).status());
    }

    @Test
    void writesValidateAgainstTheNamedModel() {
        String old = writeModel(MODEL_M);
        writeModel(MODEL_M.replace("{\"type\":\"user\"},{\"type\":\"user\",\"wildcard\":{}},", ""));
        String wildcard = key("document:1", "viewer", "user:*");
        assertEquals("validation_error", write(writes(wildcard)).code());
        RawFga.Reply withOld = write("{\"writes\":{\"tuple_keys\":[" + wildcard + "]},\"authorization_model_id\":\""
                + old + "\"}");
        assertEquals(200, withOld.status());
        assertEquals(old, withOld.raw().headers().firstValue("Openfga-Authorization-Model-Id").orElse(""));
        assertError(write("{\"writes\":{\"tuple_keys\":[" + wildcard + "]},\"authorization_model_id\":\"" + UNKNOWN_ID
                + "\"}"), 400, "authorization_model_not_found", "Authorization Model '" + UNKNOWN_ID + "' not found");
        // The model is resolved before the empty-request check, and even for delete-only requests.
        RawFga.Reply noModel = fga.post("/stores/" + UNKNOWN_ID + "/write", "{}");
        assertEquals("latest_authorization_model_not_found", noModel.code());
    }

    @Test
    void modelPagesAndStorePageLimits() {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(0, writeModel(MODEL_M));
        }
        List<String> listed = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = fga.get(path("/authorization-models?page_size=2&continuation_token=" + token)).body();
            listed.addAll(ids(page.get("authorization_models")));
            token = page.get("continuation_token").asText();
        } while (!token.isEmpty());
        assertEquals(written, listed);
        assertError(fga.get("/stores?page_size=101"), 400, "page_size_invalid",
                "invalid ListStoresRequest.PageSize: value must be inside range [1, 100]");
        assertError(fga.get(path("/authorization-models?page_size=0")), 400, "page_size_invalid",
                "invalid ReadAuthorizationModelsRequest.PageSize: value must be inside range [1, 100]");
    }

    @Test
    void deletedStoreIsGoneButItsDataStays() {
        writeModel(MODEL_M);
        write(writes(key("document:1", "viewer", "user:anne")));
        RawFga.Reply deleted = fga.delete(path(""));
        assertEquals(204, deleted.status());
        assertEquals(204, fga.delete("/stores/" + UNKNOWN_ID).status());
        assertEquals(404, fga.get(path("")).status());
        assertEquals(List.of("document:1#viewer@user:anne"), readAll());
    }

    @Test
    void idsAreTimeSortedUlidsAndTimestampsRfc3339() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(fga.post("/stores", "{\"name\":\"burst\"}").body().get("id").asText());
        }
        assertTrue(ids.stream().allMatch(id -> id.matches(ULID)));
        assertEquals(ids.stream().sorted().toList(), ids);
        assertEquals(30, new HashSet<>(ids).size());
        String created = fga.get("/stores/" + ids.get(0)).body().get("created_at").asText();
        assertTrue(created.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z"), created);
    }

    @Test
    void transportDetails() {
        RawFga.Reply reply = fga.get(path(""));
        assertEquals(store, reply.raw().headers().firstValue("Openfga-Store-Id").orElse(""));
        assertTrue(reply.raw().headers().firstValue("X-Request-Id").isPresent());
        assertEquals(404, fga.get("/nowhere").status());
        assertEquals("undefined_endpoint", fga.get("/nowhere").code());
        // protojson ignores unknown fields.
        RawFga.Reply unknownField = fga.post(path("/read"), "{\"tuple_key\":{\"object\":\"document:1\"},\"unknown\":1}");
        assertEquals(200, unknownField.status());
        assertEquals(json("{\"tuples\":[],\"continuation_token\":\"\"}"), unknownField.body());
    }

    @Test
    void readChangesTokenResumesAfterNewWrites() {
        writeModel(MODEL_M);
        write(writes(key("document:1", "viewer", "user:anne")));
        String token = fga.get(path("/changes")).body().get("continuation_token").asText();
        JsonNode idle = fga.get(path("/changes?continuation_token=" + token)).body();
        assertEquals(json("{\"changes\":[],\"continuation_token\":\"" + token + "\"}"), idle);
        write(writes(key("document:2", "viewer", "user:bob")));
        JsonNode next = fga.get(path("/changes?continuation_token=" + token)).body();
        assertEquals(1, next.get("changes").size());
        assertEquals("document:2", next.at("/changes/0/tuple_key/object").asText());
    }

    @Test
    void assertionsRoundTrip() {
        String model = writeModel(MODEL_M);
        String body = "{\"assertions\":[{\"tuple_key\":" + key("document:1", "viewer", "user:anne")
                + ",\"expectation\":true}]}";
        assertEquals(204, fga.put(path("/assertions/" + model), body).status());
        JsonNode read = fga.get(path("/assertions/" + model)).body();
        assertEquals(model, read.get("authorization_model_id").asText());
        assertEquals(json("[{\"tuple_key\":{\"object\":\"document:1\",\"relation\":\"viewer\",\"user\":\"user:anne\"},"
                + "\"expectation\":true,\"contextual_tuples\":[],\"context\":null}]"), read.get("assertions"));
        assertEquals("authorization_model_not_found", fga.put(path("/assertions/" + UNKNOWN_ID), body).code());
    }

    @Test
    void concurrentWritersAreSerialized() throws Exception {
        writeModel(MODEL_M);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 25; i++) {
                        ok += write(writes(key("document:w" + writer, "viewer", "user:u" + i))).status() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(25, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> all = new HashSet<>(readAll());
        assertEquals(200, all.size());
        assertEquals(200, changeCount());
    }

    private int changeCount() {
        int count = 0;
        String token = "";
        while (true) {
            JsonNode page = fga.get(path("/changes?page_size=100&continuation_token=" + token)).body();
            if (page.get("changes").isEmpty()) {
                return count;
            }
            count += page.get("changes").size();
            token = page.get("continuation_token").asText();
        }
    }

    private static String computedRelations(int count) {
        StringBuilder model = new StringBuilder("{\"schema_version\":\"1.1\",\"type_definitions\":[{\"type\":\"user\"},"
                + "{\"type\":\"doc\",\"relations\":{\"base\":{\"this\":{}}");
        for (int i = 0; i < count; i++) {
            model.append(",\"relation_").append(i).append("\":{\"computedUserset\":{\"relation\":\"base\"}}");
        }
        return model.append("},\"metadata\":{\"relations\":{\"base\":{\"directly_related_user_types\":[{\"type\":")
                .append("\"user\"}]}}}}]}").toString();
    }

    private static List<String> ids(JsonNode models) {
        List<String> ids = new ArrayList<>();
        models.forEach(m -> ids.add(m.get("id").asText()));
        return ids;
    }
}
