package dev.ferry.tests.openfga;

import static dev.ferry.tests.openfga.Fixtures.MODEL_M;
import static dev.ferry.tests.openfga.Fixtures.ULID;
import static dev.ferry.tests.openfga.Fixtures.UNKNOWN_ID;
import static dev.ferry.tests.openfga.Fixtures.deletes;
import static dev.ferry.tests.openfga.Fixtures.key;
import static dev.ferry.tests.openfga.Fixtures.writes;
import static dev.ferry.tests.openfga.Fixtures.writesWith;
import static dev.ferry.tests.openfga.RawFga.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The conformance cases of docs/reference/openfga-contract.md §10, numbered as there, over plain HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenFgaContractTest {
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
        store = fga.post("/stores", "{\"name\":\"conf-store\"}").body().get("id").asText();
    }

    private String path(String suffix) {
        return "/stores/" + store + suffix;
    }

    private String writeModel() {
        RawFga.Reply reply = fga.post(path("/authorization-models"), MODEL_M);
        assertEquals(201, reply.status(), reply.body().toString());
        return reply.body().get("authorization_model_id").asText();
    }

    private RawFga.Reply write(String body) {
        return fga.post(path("/write"), body);
    }

    private RawFga.Reply read(String body) {
        return fga.post(path("/read"), body);
    }

    private static void assertError(RawFga.Reply reply, int status, String code, String message) {
        assertEquals(status, reply.status(), reply.body().toString());
        assertEquals(json("{\"code\":" + RawFga.JSON.valueToTree(code) + ",\"message\":"
                + RawFga.JSON.valueToTree(message) + "}"), reply.body());
    }

    private static void assertOk(RawFga.Reply reply) {
        assertEquals(200, reply.status(), reply.body().toString());
        assertEquals(json("{}"), reply.body());
    }

    private int changeCount() {
        return fga.get(path("/changes?page_size=100")).body().get("changes").size();
    }

    private static String duplicate(String user, String relation, String object) {
        return "cannot write a tuple which already exists: user: '" + user + "', relation: '" + relation
                + "', object: '" + object + "': tuple to be written already existed or the tuple to be deleted did not exist";
    }

    @Test
    void case01_storeNameTooShort() {
        RawFga.Reply reply = fga.post("/stores", "{\"name\":\"ab\"}");
        assertEquals(400, reply.status());
        assertEquals("validation_error", reply.code());
        assertTrue(reply.message().startsWith("invalid CreateStoreRequest.Name: value does not match regex pattern"),
                reply.message());
    }

    @Test
    void case02_createStore() {
        RawFga.Reply reply = fga.post("/stores", "{\"name\":\"conf-store\"}");
        assertEquals(201, reply.status());
        assertTrue(reply.body().get("id").asText().matches(ULID));
        assertEquals("conf-store", reply.body().get("name").asText());
        OffsetDateTime.parse(reply.body().get("created_at").asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertEquals(reply.body().get("created_at"), reply.body().get("updated_at"));
        assertEquals(Set.of("id", "name", "created_at", "updated_at"), fields(reply.body()));
    }

    @Test
    void case03_getStore() {
        RawFga.Reply reply = fga.get(path(""));
        assertEquals(200, reply.status());
        assertEquals(store, reply.body().get("id").asText());
        assertEquals("conf-store", reply.body().get("name").asText());
        assertTrue(reply.body().get("deleted_at").isNull());
        assertEquals(Set.of("id", "name", "created_at", "updated_at", "deleted_at"), fields(reply.body()));
        assertError(fga.get("/stores/" + UNKNOWN_ID), 404, "store_id_not_found", "Store ID not found");
        RawFga.Reply bad = fga.get("/stores/not-a-ulid");
        assertEquals(400, bad.status());
        assertEquals("validation_error", bad.code());
        assertEquals("invalid GetStoreRequest.StoreId: value does not match regex pattern"
                + " \"^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$\"", bad.message());
    }

    @Test
    void case04_writeBeforeAnyModel() {
        assertError(write(writes(key("document:1", "viewer", "user:anne"))), 400,
                "latest_authorization_model_not_found", "No authorization models found for store '" + store + "'");
    }

    @Test
    void case05_modelsNewestFirst() {
        String first = writeModel();
        String second = writeModel();
        assertTrue(first.matches(ULID) && second.matches(ULID));
        assertNotEquals(first, second);
        RawFga.Reply list = fga.get(path("/authorization-models"));
        assertEquals(200, list.status());
        assertEquals(List.of(second, first), ids(list.body().get("authorization_models")));
        assertEquals("", list.body().get("continuation_token").asText());
        RawFga.Reply one = fga.get(path("/authorization-models/" + first));
        assertEquals(200, one.status());
        JsonNode model = one.body().get("authorization_model");
        assertEquals(first, model.get("id").asText());
        assertEquals("1.1", model.get("schema_version").asText());
        assertEquals(3, model.get("type_definitions").size());
        // protojson emits unset fields: a type with no relations has {} and metadata null.
        assertEquals(json("{\"type\":\"user\",\"relations\":{},\"metadata\":null}"), model.get("type_definitions").get(0));
        assertEquals(json("{\"type\":\"user\",\"wildcard\":{},\"condition\":\"\"}"), model.at(
                "/type_definitions/2/metadata/relations/viewer/directly_related_user_types/1"));
        assertEquals(json("{\"name\":\"in_range\",\"expression\":\"x < 10\",\"parameters\":{\"x\":{\"type_name\":"
                + "\"TYPE_NAME_INT\",\"generic_types\":[]}},\"metadata\":null}"), model.at("/conditions/in_range"));
    }

    @Test
    void case06_invalidModels() {
        assertError(fga.post(path("/authorization-models"), """
                {"schema_version":"1.1","type_definitions":[{"type":"user"},
                 {"type":"document","relations":{"viewer":{"this":{}}}}]}"""), 400, "invalid_authorization_model",
                "the assignable relation 'viewer' in object type 'document' must contain at least one relation type");
        assertError(fga.post(path("/authorization-models"), MODEL_M.replace("\"1.1\"", "\"1.0\"")), 400,
                "invalid_authorization_model", "invalid schema version");
    }

    @Test
    void case07_unknownModel() {
        writeModel();
        assertError(fga.get(path("/authorization-models/" + UNKNOWN_ID)), 400, "authorization_model_not_found",
                "Authorization Model '" + UNKNOWN_ID + "' not found");
    }

    @Test
    void case08_writeThenRead() {
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"))));
        RawFga.Reply reply = read("{\"tuple_key\":{\"object\":\"document:1\"}}");
        assertEquals(200, reply.status());
        JsonNode tuples = reply.body().get("tuples");
        assertEquals(1, tuples.size());
        assertEquals(json("{\"user\":\"user:anne\",\"relation\":\"viewer\",\"object\":\"document:1\",\"condition\":null}"),
                tuples.get(0).get("key"));
        Instant stamp = Instant.parse(tuples.get(0).get("timestamp").asText());
        assertFalse(stamp.isAfter(Instant.now()));
        assertEquals("", reply.body().get("continuation_token").asText());
    }

    @Test
    void case09_duplicateWrite() {
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"))));
        assertError(write(writes(key("document:1", "viewer", "user:anne"))), 400,
                "write_failed_due_to_invalid_input", duplicate("user:anne", "viewer", "document:1"));
    }

    @Test
    void case10_onDuplicate() {
        writeModel();
        String anne = key("document:1", "viewer", "user:anne");
        assertOk(write(writes(anne)));
        int changes = changeCount();
        assertOk(write(writesWith("ignore", anne)));
        assertEquals(changes, changeCount());
        assertError(write(writesWith("error", anne)), 400, "write_failed_due_to_invalid_input",
                duplicate("user:anne", "viewer", "document:1"));
        assertError(write(writesWith("bad", anne)), 400, "validation_error", "invalid on_duplicate option: bad");
    }

    @Test
    void case11_atomicity() {
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"))));
        RawFga.Reply reply = write(writes(key("document:2", "viewer", "user:bob"), key("document:1", "viewer", "user:anne")));
        assertEquals(400, reply.status());
        assertEquals("write_failed_due_to_invalid_input", reply.code());
        assertEquals(0, read("{\"tuple_key\":{\"object\":\"document:2\"}}").body().get("tuples").size());
    }

    @Test
    void case12_deleteMissing() {
        writeModel();
        String zed = key("document:3", "viewer", "user:zed");
        assertError(write(deletes(zed)), 400, "write_failed_due_to_invalid_input",
                "cannot delete a tuple which does not exist: user: 'user:zed', relation: 'viewer', object: 'document:3'"
                        + ": tuple to be written already existed or the tuple to be deleted did not exist");
        assertOk(write("{\"deletes\":{\"tuple_keys\":[" + zed + "],\"on_missing\":\"ignore\"}}"));
        assertEquals(0, changeCount());
    }

    @Test
    void case13_modelViolations() {
        writeModel();
        assertError(write(writes(key("folder:1", "viewer", "user:anne"))), 400, "validation_error",
                "Invalid tuple 'folder:1#viewer@user:anne'. Reason: type 'folder' not found");
        assertError(write(writes(key("document:1", "owner", "user:anne"))), 400, "validation_error",
                "Invalid tuple 'document:1#owner@user:anne'. Reason: relation 'document#owner' not found");
        assertError(write(writes(key("document:1", "viewer", "group:eng"))), 400, "validation_error",
                "Invalid tuple 'document:1#viewer@group:eng'. Reason: type 'group' is not an allowed type restriction"
                        + " for 'document#viewer'");
        assertError(write(writes(key("document:1", "restricted", "user:anne"))), 400, "validation_error",
                "Invalid tuple 'document:1#restricted@user:anne'. Reason: condition is missing");
    }

    @Test
    void case14_conditions() {
        writeModel();
        String conditioned = "{\"object\":\"document:5\",\"relation\":\"restricted\",\"user\":\"user:anne\","
                + "\"condition\":{\"name\":\"in_range\"}}";
        assertOk(write(writes(conditioned)));
        JsonNode tuple = read("{\"tuple_key\":{\"object\":\"document:5\"}}").body().get("tuples").get(0);
        assertEquals(json("{\"name\":\"in_range\",\"context\":{}}"), tuple.at("/key/condition"));
        assertOk(write(writesWith("ignore", conditioned)));
        assertError(write(writesWith("ignore", conditioned.replace("{\"name\":\"in_range\"}",
                "{\"name\":\"in_range\",\"context\":{\"x\":1}}"))), 409, "Aborted",
                "transactional write failed due to conflict: attempted to write a tuple which already exists with a"
                        + " different condition: user: 'user:anne', relation: 'restricted', object: 'document:5'");
    }

    @Test
    void case15_duplicateInRequestAndEmptyBody() {
        writeModel();
        String anne = key("document:9", "viewer", "user:anne");
        assertError(write(writes(anne, anne)), 400, "cannot_allow_duplicate_tuples_in_one_request",
                "duplicate tuple in write: user: 'user:anne', relation: 'viewer', object: 'document:9'");
        assertError(write("{\"writes\":{\"tuple_keys\":[" + anne + "]},\"deletes\":{\"tuple_keys\":[" + anne + "]}}"),
                400, "cannot_allow_duplicate_tuples_in_one_request",
                "duplicate tuple in write: user: 'user:anne', relation: 'viewer', object: 'document:9'");
        assertError(write("{}"), 400, "invalid_write_input",
                "Invalid input. Make sure you provide at least one write, or at least one delete");
        assertError(write("{\"writes\":{\"tuple_keys\":[]}}"), 400, "validation_error",
                "invalid WriteRequestWrites.TupleKeys: value must contain at least 1 item(s)");
    }

    @Test
    void case16_tupleLimit() {
        writeModel();
        assertError(write(writes(tuples("document:big", 101))), 400, "exceeded_entity_limit",
                "The number of write operations exceeds the allowed limit of 100");
        assertEquals(0, changeCount());
        assertOk(write(writes(tuples("document:big", 100))));
        assertEquals(100, readAll("{\"tuple_key\":{\"object\":\"document:big\"},\"page_size\":100}").size());
    }

    @Test
    void case17_pagination() {
        writeModel();
        assertOk(write(writes(tuples("document:a", 100))));
        assertOk(write(writes(tuples("document:b", 25))));
        List<JsonNode> pages = new ArrayList<>();
        String token = "";
        do {
            RawFga.Reply page = read("{\"page_size\":50,\"continuation_token\":\"" + token + "\"}");
            assertEquals(200, page.status());
            pages.add(page.body());
            token = page.body().get("continuation_token").asText();
        } while (!token.isEmpty());
        assertEquals(List.of(50, 50, 25), pages.stream().map(p -> p.get("tuples").size()).toList());
        assertFalse(pages.get(0).get("continuation_token").asText().isEmpty());
        assertFalse(pages.get(1).get("continuation_token").asText().isEmpty());
        List<String> users = pages.stream().flatMap(p -> stream(p.get("tuples")))
                .map(t -> t.at("/key/object").asText() + "@" + t.at("/key/user").asText()).toList();
        assertEquals(125, new HashSet<>(users).size());
        // Insertion order, as the memory and SQL backends return it.
        assertEquals("document:a@user:u0", users.get(0));
        assertEquals("document:b@user:u24", users.get(124));
        assertEquals(50, read("{}").body().get("tuples").size());
    }

    @Test
    void case18_readPageSizeLimits() {
        for (int size : new int[] {101, 0}) {
            assertError(read("{\"page_size\":" + size + "}"), 400, "page_size_invalid",
                    "invalid ReadRequest.PageSize: value must be inside range [1, 100]");
        }
    }

    @Test
    void case19_readFilters() {
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"), key("document:2", "editor", "user:anne"),
                key("document:2", "viewer", "user:bob"), key("group:eng", "member", "user:anne"))));
        String message = "the 'tuple_key' field was provided but the object type field is required and both the"
                + " object id and user cannot be empty";
        assertError(read("{\"tuple_key\":{}}"), 400, "validation_error", message);
        assertError(read("{\"tuple_key\":{\"object\":\"document:\"}}"), 400, "validation_error", message);
        List<JsonNode> anne = readAll("{\"tuple_key\":{\"object\":\"document:\",\"user\":\"user:anne\"}}");
        assertEquals(List.of("document:1#viewer", "document:2#editor"),
                anne.stream().map(t -> t.at("/key/object").asText() + "#" + t.at("/key/relation").asText()).toList());
        assertEquals(1, readAll("{\"tuple_key\":{\"object\":\"document:2\",\"relation\":\"viewer\"}}").size());
    }

    @Test
    void case20_badTokens() {
        assertError(read("{\"continuation_token\":\"YWJj\"}"), 400, "invalid_continuation_token",
                "Invalid continuation token");
        RawFga.Reply reply = read("{\"continuation_token\":\"***\"}");
        assertEquals(400, reply.status());
        assertEquals("validation_error", reply.code());
        assertTrue(reply.message().startsWith("invalid ReadRequest.ContinuationToken: value does not match regex"
                + " pattern"), reply.message());
    }

    @Test
    void case21_readChangesPaging() {
        assertEquals(json("{\"changes\":[],\"continuation_token\":\"\"}"), fga.get(path("/changes")).body());
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"), key("document:2", "viewer", "user:bob"))));
        assertOk(write(deletes(key("document:1", "viewer", "user:anne"))));
        List<JsonNode> changes = new ArrayList<>();
        String token = "";
        while (true) {
            RawFga.Reply page = fga.get(path("/changes?page_size=2&continuation_token=" + token));
            assertEquals(200, page.status());
            String next = page.body().get("continuation_token").asText();
            assertFalse(next.isEmpty(), "every page carries a token");
            if (page.body().get("changes").isEmpty()) {
                assertEquals(token, next, "an empty page echoes the token");
                break;
            }
            page.body().get("changes").forEach(changes::add);
            token = next;
        }
        assertEquals(List.of("TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_WRITE", "TUPLE_OPERATION_DELETE"),
                changes.stream().map(c -> c.get("operation").asText()).toList());
        assertEquals(json("{\"user\":\"user:anne\",\"relation\":\"viewer\",\"object\":\"document:1\",\"condition\":null}"),
                changes.get(2).get("tuple_key"));
        Instant first = Instant.parse(changes.get(0).get("timestamp").asText());
        assertFalse(Instant.parse(changes.get(2).get("timestamp").asText()).isBefore(first));
    }

    @Test
    void case22_readChangesTypeFilter() {
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"), key("group:eng", "member", "user:anne"))));
        RawFga.Reply groups = fga.get(path("/changes?type=group"));
        assertEquals(List.of("group:eng"), stream(groups.body().get("changes"))
                .map(c -> c.at("/tuple_key/object").asText()).toList());
        String token = groups.body().get("continuation_token").asText();
        assertError(fga.get(path("/changes?type=document&continuation_token=" + token)), 400,
                "query_string_type_continuation_token_mismatch",
                "The type in the querystring and the continuation token don't match");
        assertError(fga.get(path("/changes?page_size=101")), 400, "page_size_invalid",
                "invalid ReadChangesRequest.PageSize: value must be inside range [1, 100]");
        assertError(fga.get(path("/changes?page_size=0")), 400, "validation_error",
                "invalid ReadChangesRequest.PageSize: value must be greater than or equal to 1");
    }

    @Test
    void case23_readChangesStartTime() throws InterruptedException {
        writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"))));
        Thread.sleep(5);
        Instant between = Instant.now();
        Thread.sleep(5);
        assertOk(write(writes(key("document:2", "viewer", "user:bob"))));
        RawFga.Reply later = fga.get(path("/changes?start_time=" + between));
        assertEquals(200, later.status(), later.body().toString());
        assertEquals(List.of("document:2"), stream(later.body().get("changes"))
                .map(c -> c.at("/tuple_key/object").asText()).toList());
        assertError(fga.get(path("/changes?start_time=" + Instant.now().plusSeconds(3600))), 400, "validation_error",
                "invalid ReadChangesRequest.StartTime: value must be less than now");
    }

    @Test
    void case24_check() {
        assertError(fga.post(path("/check"), "{\"tuple_key\":" + key("document:1", "viewer", "user:anne") + "}"), 400,
                "latest_authorization_model_not_found", "No authorization models found for store '" + store + "'");
        String model = writeModel();
        assertOk(write(writes(key("document:1", "viewer", "user:anne"), key("document:2", "viewer", "user:*"),
                key("document:3", "viewer", "group:eng#member"), key("group:eng", "member", "user:carl"))));
        assertEquals(json("{\"allowed\":true,\"resolution\":\"\"}"), check("document:1", "user:anne"));
        assertEquals(json("{\"allowed\":false,\"resolution\":\"\"}"), check("document:1", "user:zed"));
        assertTrue(check("document:2", "user:zed").get("allowed").asBoolean(), "typed wildcard");
        assertTrue(check("document:3", "user:carl").get("allowed").asBoolean(), "userset");
        assertFalse(check("document:3", "user:anne").get("allowed").asBoolean());
        RawFga.Reply reply = fga.post(path("/check"), "{\"tuple_key\":" + key("document:1", "viewer", "user:anne") + "}");
        assertEquals(model, reply.raw().headers().firstValue("Openfga-Authorization-Model-Id").orElse(""));
    }

    @Test
    void case25_unknownStoreReadsAreEmpty() {
        String unknown = "/stores/" + UNKNOWN_ID;
        RawFga.Reply read = fga.post(unknown + "/read", "{}");
        assertEquals(200, read.status());
        assertEquals(json("{\"tuples\":[],\"continuation_token\":\"\"}"), read.body());
        RawFga.Reply changes = fga.get(unknown + "/changes");
        assertEquals(200, changes.status());
        assertEquals(json("{\"changes\":[],\"continuation_token\":\"\"}"), changes.body());
    }

    private JsonNode check(String object, String user) {
        RawFga.Reply reply = fga.post(path("/check"), "{\"tuple_key\":" + key(object, "viewer", user) + "}");
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body();
    }

    private List<JsonNode> readAll(String request) {
        List<JsonNode> all = new ArrayList<>();
        String token = "";
        do {
            ObjectNode body = (ObjectNode) json(request);
            body.put("continuation_token", token);
            RawFga.Reply page = read(body.toString());
            assertEquals(200, page.status(), page.body().toString());
            page.body().get("tuples").forEach(all::add);
            token = page.body().get("continuation_token").asText();
        } while (!token.isEmpty());
        return all;
    }

    static String[] tuples(String object, int count) {
        return IntStream.range(0, count).mapToObj(i -> key(object, "viewer", "user:u" + i)).toArray(String[]::new);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    private static List<String> ids(JsonNode models) {
        return stream(models).map(m -> m.get("id").asText()).collect(Collectors.toList());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
