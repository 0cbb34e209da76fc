package dev.ferry.tests.openfga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openfga.sdk.api.client.ApiClient;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientCheckRequest;
import dev.openfga.sdk.api.client.model.ClientReadChangesRequest;
import dev.openfga.sdk.api.client.model.ClientReadChangesResponse;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientReadResponse;
import dev.openfga.sdk.api.client.model.ClientRelationshipCondition;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientTupleKeyWithoutCondition;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.client.model.ClientWriteResponse;
import dev.openfga.sdk.api.client.model.ClientWriteStatus;
import dev.openfga.sdk.api.configuration.ApiToken;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.configuration.ClientReadAuthorizationModelOptions;
import dev.openfga.sdk.api.configuration.ClientReadAuthorizationModelsOptions;
import dev.openfga.sdk.api.configuration.ClientReadChangesOptions;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import dev.openfga.sdk.api.configuration.ClientWriteOptions;
import dev.openfga.sdk.api.configuration.Credentials;
import dev.openfga.sdk.api.model.AuthorizationModel;
import dev.openfga.sdk.api.model.CreateStoreRequest;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.api.model.Tuple;
import dev.openfga.sdk.api.model.TupleChange;
import dev.openfga.sdk.api.model.TupleOperation;
import dev.openfga.sdk.api.model.WriteAuthorizationModelRequest;
import dev.openfga.sdk.api.model.WriteRequestDeletes;
import dev.openfga.sdk.api.model.WriteRequestWrites;
import dev.openfga.sdk.errors.FgaApiAuthenticationError;
import dev.openfga.sdk.errors.FgaApiNotFoundError;
import dev.openfga.sdk.errors.FgaApiValidationError;
import dev.openfga.sdk.errors.FgaError;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The official Java SDK (the version Ferry ships) talks to the emulator unchanged. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenFgaSdkTest {
    private OpenFgaEmulator emulator;
    private final ObjectMapper sdkJson = new ApiClient().getObjectMapper();
    private OpenFgaClient client;

    @BeforeAll
    void start() {
        emulator = OpenFgaEmulator.start();
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @BeforeEach
    void newStore() throws Exception {
        client = client(null);
        String id = client.createStore(new CreateStoreRequest().name("sdk-store")).get().getId();
        client.setStoreId(id);
    }

    private OpenFgaClient client(String storeId) throws Exception {
        ClientConfiguration config = new ClientConfiguration().apiUrl(emulator.apiUrl()).storeId(storeId);
        return new OpenFgaClient(config);
    }

    private WriteAuthorizationModelRequest modelM() throws Exception {
        return sdkJson.readValue(Fixtures.MODEL_M, WriteAuthorizationModelRequest.class);
    }

    private String writeModel() throws Exception {
        return client.writeAuthorizationModel(modelM()).get().getAuthorizationModelId();
    }

    private static ClientTupleKey tuple(String object, String relation, String user) {
        return new ClientTupleKey()._object(object).relation(relation).user(user);
    }

    private static List<ClientTupleKey> viewers(String object, int count) {
        return IntStream.range(0, count).mapToObj(i -> tuple(object, "viewer", "user:u" + i)).toList();
    }

    private static ClientWriteOptions ignoreDuplicates() {
        return new ClientWriteOptions().onDuplicate(WriteRequestWrites.OnDuplicateEnum.IGNORE);
    }

    private static <T> FgaError failure(CompletableFuture<T> call) {
        ExecutionException e = assertThrows(ExecutionException.class, call::get);
        return assertInstanceOf(FgaError.class, e.getCause());
    }

    @Test
    void storesCreateGetListByNameAndDelete() throws Exception {
        OpenFgaClient admin = client(null);
        String a1 = admin.createStore(new CreateStoreRequest().name("sdk-list-a")).get().getId();
        String b = admin.createStore(new CreateStoreRequest().name("sdk-list-b")).get().getId();
        String a2 = admin.createStore(new CreateStoreRequest().name("sdk-list-a")).get().getId();
        assertTrue(a1.compareTo(b) < 0 && b.compareTo(a2) < 0, "ULIDs sort by creation time");

        List<Store> named = admin.listStores(new ClientListStoresOptions().name("sdk-list-a")).get().getStores();
        assertEquals(List.of(a1, a2), named.stream().map(Store::getId).toList());

        List<String> all = new ArrayList<>();
        String token = null;
        do {
            var page = admin.listStores(new ClientListStoresOptions().pageSize(1).continuationToken(token)).get();
            assertTrue(page.getStores().size() <= 1);
            page.getStores().forEach(s -> all.add(s.getId()));
            token = page.getContinuationToken();
        } while (!token.isEmpty());
        assertTrue(all.containsAll(List.of(a1, b, a2)));
        assertEquals(all.size(), new HashSet<>(all).size());

        OpenFgaClient storeB = client(b);
        assertEquals("sdk-list-b", storeB.getStore().get().getName());
        storeB.deleteStore().get();
        assertInstanceOf(FgaApiNotFoundError.class, failure(storeB.getStore()));
        assertFalse(admin.listStores(new ClientListStoresOptions().name("sdk-list-b")).get().getStores().stream()
                .anyMatch(s -> s.getId().equals(b)));
    }

    @Test
    void modelsNewestFirstAndCopyableToAnotherStore() throws Exception {
        assertEquals(null, client.readLatestAuthorizationModel().get().getAuthorizationModel());
        String first = writeModel();
        String second = writeModel();
        assertNotEquals(first, second);
        List<AuthorizationModel> models = client.readAuthorizationModels().get().getAuthorizationModels();
        assertEquals(List.of(second, first), models.stream().map(AuthorizationModel::getId).toList());
        var paged = client.readAuthorizationModels(new ClientReadAuthorizationModelsOptions().pageSize(1)).get();
        assertEquals(List.of(second), paged.getAuthorizationModels().stream().map(AuthorizationModel::getId).toList());
        assertFalse(paged.getContinuationToken().isEmpty());
        assertEquals(second, client.readLatestAuthorizationModel().get().getAuthorizationModel().getId());

        AuthorizationModel source = client.readAuthorizationModel(
                new ClientReadAuthorizationModelOptions().authorizationModelId(first)).get().getAuthorizationModel();
        assertEquals("1.1", source.getSchemaVersion());
        // The importer's path: post the exported model unchanged to a new store.
        OpenFgaClient target = client(client(null).createStore(new CreateStoreRequest().name("sdk-target")).get().getId());
        String copied = target.writeAuthorizationModel(new WriteAuthorizationModelRequest()
                .schemaVersion(source.getSchemaVersion()).typeDefinitions(source.getTypeDefinitions())
                .conditions(source.getConditions())).get().getAuthorizationModelId();
        AuthorizationModel copy = target.readAuthorizationModel(
                new ClientReadAuthorizationModelOptions().authorizationModelId(copied)).get().getAuthorizationModel();
        assertEquals(source.getTypeDefinitions(), copy.getTypeDefinitions());
        assertEquals(source.getConditions(), copy.getConditions());
    }

    @Test
    void transactionalWritesWithIgnoreAndPagedRead() throws Exception {
        writeModel();
        ClientWriteResponse written = client.write(new ClientWriteRequest().writes(viewers("document:1", 100)),
                ignoreDuplicates()).get();
        assertEquals(200, written.getStatusCode());
        // A retried batch that had committed succeeds again with on_duplicate=ignore.
        client.write(new ClientWriteRequest().writes(viewers("document:1", 100)), ignoreDuplicates()).get();
        client.write(new ClientWriteRequest().writes(viewers("document:2", 30)), ignoreDuplicates()).get();

        List<Tuple> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ClientReadResponse page = client.read(new ClientReadRequest(),
                    new ClientReadOptions().pageSize(40).continuationToken(token)).get();
            all.addAll(page.getTuples());
            token = page.getContinuationToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(4, pages);
        assertEquals(130, all.size());
        assertEquals(130, all.stream().map(t -> t.getKey().getObject() + "@" + t.getKey().getUser()).distinct().count());
        assertEquals(30, client.read(new ClientReadRequest()._object("document:2"),
                new ClientReadOptions().pageSize(100)).get().getTuples().size());
        assertEquals(List.of("document:1", "document:2"), client.read(new ClientReadRequest()._object("document:")
                .user("user:u7")).get().getTuples().stream().map(t -> t.getKey().getObject()).toList());
    }

    @Test
    void writeErrorsComeBackAsSdkErrors() throws Exception {
        writeModel();
        client.write(new ClientWriteRequest().writes(List.of(tuple("document:1", "viewer", "user:anne")))).get();

        FgaError duplicate = failure(client.write(new ClientWriteRequest()
                .writes(List.of(tuple("document:1", "viewer", "user:anne")))));
        assertInstanceOf(FgaApiValidationError.class, duplicate);
        assertEquals(400, duplicate.getStatusCode());
        assertEquals("write_failed_due_to_invalid_input", duplicate.getApiErrorCode());

        FgaError tooMany = failure(client.write(new ClientWriteRequest().writes(viewers("document:9", 101)),
                ignoreDuplicates()));
        assertEquals("exceeded_entity_limit", tooMany.getApiErrorCode());
        assertEquals("The number of write operations exceeds the allowed limit of 100", tooMany.getApiErrorMessage());

        FgaError invalid = failure(client.write(new ClientWriteRequest()
                .writes(List.of(tuple("folder:1", "viewer", "user:anne")))));
        assertEquals("validation_error", invalid.getApiErrorCode());
        assertEquals("Invalid tuple 'folder:1#viewer@user:anne'. Reason: type 'folder' not found",
                invalid.getApiErrorMessage());

        ClientTupleKeyWithoutCondition missing = new ClientTupleKeyWithoutCondition()._object("document:3")
                .relation("viewer").user("user:zed");
        assertEquals("write_failed_due_to_invalid_input",
                failure(client.write(new ClientWriteRequest().deletes(List.of(missing)))).getApiErrorCode());
        client.write(new ClientWriteRequest().deletes(List.of(missing)),
                new ClientWriteOptions().onMissing(WriteRequestDeletes.OnMissingEnum.IGNORE)).get();
    }

    @Test
    void differentConditionUnderIgnoreIsAConflict() throws Exception {
        writeModel();
        ClientTupleKey conditioned = tuple("document:5", "restricted", "user:anne")
                .condition(new ClientRelationshipCondition().name("in_range").context(Map.of()));
        client.write(new ClientWriteRequest().writes(List.of(conditioned)), ignoreDuplicates()).get();
        client.write(new ClientWriteRequest().writes(List.of(conditioned)), ignoreDuplicates()).get();
        ClientTupleKey other = tuple("document:5", "restricted", "user:anne")
                .condition(new ClientRelationshipCondition().name("in_range").context(Map.of("x", 1)));
        FgaError conflict = failure(client.write(new ClientWriteRequest().writes(List.of(other)), ignoreDuplicates()));
        assertEquals(409, conflict.getStatusCode());
        assertEquals("Aborted", conflict.getApiErrorCode());
        Tuple stored = client.read(new ClientReadRequest()._object("document:5")).get().getTuples().get(0);
        assertEquals("in_range", stored.getKey().getCondition().getName());
        assertEquals(Map.of(), stored.getKey().getCondition().getContext());
    }

    @Test
    void nonTransactionalChunksAllSucceed() throws Exception {
        writeModel();
        ClientWriteResponse response = client.write(new ClientWriteRequest().writes(viewers("document:7", 35)),
                new ClientWriteOptions().disableTransactions(true).transactionChunkSize(10)).get();
        assertEquals(35, response.getWrites().size());
        assertTrue(response.getWrites().stream().allMatch(w -> w.getStatus() == ClientWriteStatus.SUCCESS));
        assertEquals(35, client.read(new ClientReadRequest()._object("document:7"),
                new ClientReadOptions().pageSize(100)).get().getTuples().size());
    }

    @Test
    void nonTransactionalDefaultSendsOneRequestPerTupleAtOnce() throws Exception {
        writeModel();
        ClientWriteResponse response = client.write(new ClientWriteRequest().writes(viewers("document:8", 300)),
                new ClientWriteOptions().disableTransactions(true)).get();
        assertEquals(300, response.getWrites().size());
        assertTrue(response.getWrites().stream().allMatch(w -> w.getStatus() == ClientWriteStatus.SUCCESS));
        assertEquals(300, countTuples("document:8"));
    }

    private int countTuples(String object) throws Exception {
        int count = 0;
        String token = null;
        do {
            ClientReadResponse page = client.read(new ClientReadRequest()._object(object),
                    new ClientReadOptions().pageSize(100).continuationToken(token)).get();
            count += page.getTuples().size();
            token = page.getContinuationToken();
        } while (!token.isEmpty());
        return count;
    }

    @Test
    void presharedKeyAuthentication() throws Exception {
        try (OpenFgaEmulator secured = OpenFgaEmulator.startWithPresharedKey("s3cret-key")) {
            OpenFgaClient good = new OpenFgaClient(new ClientConfiguration().apiUrl(secured.apiUrl())
                    .credentials(new Credentials(new ApiToken("s3cret-key"))));
            assertEquals("secured", good.createStore(new CreateStoreRequest().name("secured")).get().getName());
            OpenFgaClient wrong = new OpenFgaClient(new ClientConfiguration().apiUrl(secured.apiUrl())
                    .credentials(new Credentials(new ApiToken("wrong"))));
            FgaError refused = failure(wrong.listStores());
            assertInstanceOf(FgaApiAuthenticationError.class, refused);
            assertEquals("unauthenticated", refused.getApiErrorCode());
            RawFga raw = new RawFga(secured.apiUrl());
            RawFga.Reply anonymous = raw.get("/stores");
            assertEquals(401, anonymous.status());
            assertEquals(RawFga.json("{\"code\":\"bearer_token_missing\",\"message\":\"missing bearer token\"}"),
                    anonymous.body());
            assertEquals(200, raw.get("/healthz").status());
        }
    }

    @Test
    void readChangesUntilEmpty() throws Exception {
        writeModel();
        client.write(new ClientWriteRequest().writes(List.of(tuple("document:1", "viewer", "user:anne"),
                tuple("group:eng", "member", "user:anne")))).get();
        OffsetDateTime between = OffsetDateTime.now(ZoneOffset.UTC);
        Thread.sleep(5);
        client.write(new ClientWriteRequest().deletes(List.of(new ClientTupleKeyWithoutCondition()
                ._object("document:1").relation("viewer").user("user:anne")))).get();

        List<TupleChange> changes = new ArrayList<>();
        String token = null;
        while (true) {
            ClientReadChangesResponse page = client.readChanges(new ClientReadChangesRequest(),
                    new ClientReadChangesOptions().pageSize(2).continuationToken(token)).get();
            if (page.getChanges().isEmpty()) {
                assertEquals(token, page.getContinuationToken());
                break;
            }
            changes.addAll(page.getChanges());
            token = page.getContinuationToken();
        }
        assertEquals(List.of(TupleOperation.WRITE, TupleOperation.WRITE, TupleOperation.DELETE),
                changes.stream().map(TupleChange::getOperation).toList());

        List<TupleChange> groups = client.readChanges(new ClientReadChangesRequest().type("group")).get().getChanges();
        assertEquals(List.of("group:eng"), groups.stream().map(c -> c.getTupleKey().getObject()).toList());

        List<TupleChange> later = client.readChanges(new ClientReadChangesRequest().startTime(between)).get().getChanges();
        assertEquals(List.of(TupleOperation.DELETE), later.stream().map(TupleChange::getOperation).toList());
    }

    @Test
    void wholeMinuteStartTimeIsRefusedAsTheGatewayWould() throws Exception {
        // OffsetDateTime.toString() drops zero seconds ("…T10:15Z"); Go's RFC 3339 parser needs them.
        OffsetDateTime wholeMinute = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
        FgaError refused = failure(client.readChanges(new ClientReadChangesRequest().startTime(wholeMinute)));
        assertEquals(400, refused.getStatusCode());
        assertEquals(0, client.readChanges(new ClientReadChangesRequest().startTime(wholeMinute.plusNanos(1))).get()
                .getChanges().size());
    }

    @Test
    void checkDirectWildcardAndUserset() throws Exception {
        String model = writeModel();
        client.write(new ClientWriteRequest().writes(List.of(tuple("document:1", "viewer", "user:anne"),
                tuple("document:2", "viewer", "user:*"), tuple("document:3", "viewer", "group:eng#member"),
                tuple("group:eng", "member", "user:carl")))).get();
        assertTrue(check("document:1", "user:anne"));
        assertFalse(check("document:1", "user:zed"));
        assertTrue(check("document:2", "user:zed"));
        assertTrue(check("document:3", "user:carl"));
        assertFalse(check("document:3", "user:anne"));
        var contextual = client.check(new ClientCheckRequest()._object("document:4").relation("viewer").user("user:dan")
                .contextualTuples(List.of(tuple("document:4", "viewer", "user:dan")))).get();
        assertTrue(contextual.getAllowed());
        assertEquals(List.of(model), contextual.getHeaders().get("openfga-authorization-model-id"));
    }

    private boolean check(String object, String user) throws Exception {
        return client.check(new ClientCheckRequest()._object(object).relation("viewer").user(user)).get().getAllowed();
    }
}
