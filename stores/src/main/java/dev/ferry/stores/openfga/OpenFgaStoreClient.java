package dev.ferry.stores.openfga;

import dev.ferry.common.CauseDetail;
import dev.ferry.stores.Causes;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.common.ConfigException;
import dev.ferry.common.FerryException;
import dev.ferry.common.StoreException;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.retry.StoreRetry;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientListStoresResponse;
import dev.openfga.sdk.api.client.model.ClientReadAuthorizationModelsResponse;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientReadResponse;
import dev.openfga.sdk.api.client.model.ClientRelationshipCondition;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientTupleKeyWithoutCondition;
import dev.openfga.sdk.api.model.WriteRequestDeletes;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ApiToken;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.configuration.ClientReadAuthorizationModelsOptions;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import dev.openfga.sdk.api.configuration.ClientWriteOptions;
import dev.openfga.sdk.api.configuration.Credentials;
import dev.openfga.sdk.api.model.CreateStoreRequest;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.api.model.WriteAuthorizationModelRequest;
import dev.openfga.sdk.api.model.WriteRequestWrites;
import dev.openfga.sdk.errors.ApiException;
import dev.openfga.sdk.errors.FgaApiAuthenticationError;
import dev.openfga.sdk.errors.FgaApiInternalError;
import dev.openfga.sdk.errors.FgaApiNotFoundError;
import dev.openfga.sdk.errors.FgaApiRateLimitExceededError;
import dev.openfga.sdk.errors.FgaError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The one client of an OpenFGA server, for the export, the load and validate alike, through the Java SDK: finds or
 * creates the store, reads every authorization model and tuple raw (so models and conditions are carried exactly as
 * the server wrote them), writes models and tuples, and turns failures into a StoreException naming the key to fix.
 * <p>
 * Retries: the one policy ({@link StoreRetry}) runs here, around reads and idempotent writes (tuple writes use
 * {@code on_duplicate: ignore}, so a retried write that had committed is not an "already exists" error,
 * docs/reference/openfga-contract.md §7), and also on 429 and 5xx. The SDK's own retries are off ({@code maxRetries(0)}), so the two
 * do not stack. Creating a store and writing a model are not idempotent and are sent once.
 */
public final class OpenFgaStoreClient {
    /** The server's maximum page size for ListStores, ReadAuthorizationModels and Read. */
    static final int PAGE = 100;

    private final OpenFgaConfig config;
    private final OpenFgaClient sdk;
    private final StoreRetry retry = StoreRetry.standardOr(OpenFgaStoreClient::isTransient);
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private volatile String storeId;
    private volatile String storeName;

    private OpenFgaStoreClient(OpenFgaConfig config) {
        this.config = config;
        ClientConfiguration c = new ClientConfiguration().apiUrl(config.apiUrl())
                .connectTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(60))
                // Ferry's own policy retries (see the class comment); the SDK's would multiply its attempts.
                .maxRetries(0);
        if (config.token() != null) {
            c.credentials(new Credentials(new ApiToken(config.token().reveal())));
        }
        try {
            this.sdk = new OpenFgaClient(c);
        } catch (Exception e) {
            throw new ConfigException("openfga: the client configuration is invalid" + CauseDetail.parenthesised(e),
                    "Check openfga.apiUrl.", e);
        }
    }

    /** A client bound to no store yet, for the load, which creates the store it writes ({@link #useStore}). */
    public static OpenFgaStoreClient unbound(OpenFgaConfig config) {
        return new OpenFgaStoreClient(config);
    }

    /** A client bound to the store the config names: by id (which must exist), or by a name exactly one store has. */
    public static OpenFgaStoreClient connect(OpenFgaConfig config) {
        OpenFgaStoreClient client = new OpenFgaStoreClient(config);
        OpenFgaConfig.StoreRef ref = config.store();
        if (ref.id() != null) {
            client.sdk.setStoreId(ref.id());
            String name = client.read("read the store", client.sdk::getStore).getName();
            client.useStore(ref.id(), name);
            return client;
        }
        List<Store> matches = client.storesNamed(ref.name());
        if (matches.isEmpty()) {
            throw new StoreException("OpenFGA at " + config.apiUrl() + " has no store named '" + ref.name() + "' (openfga.store.name)",
                    "Check openfga.store.name (kea's config names it 'kea', the code default is 'fred'), or give openfga.store.id.");
        }
        if (matches.size() > 1) {
            throw new ConfigException("OpenFGA at " + config.apiUrl() + " has " + matches.size() + " stores named '" + ref.name()
                    + "': " + matches.stream().map(Store::getId).toList(),
                    "Name the store by id instead: openfga.store.id: <one of these ids>.");
        }
        client.useStore(matches.get(0).getId(), ref.name());
        return client;
    }

    public OpenFgaConfig config() {
        return config;
    }

    /** The bound store's id, or null before {@link #useStore}. */
    public String storeId() {
        return storeId;
    }

    public String storeName() {
        return storeName;
    }

    /** Binds the client to a store; every later call reads or writes that store. */
    public void useStore(String id, String name) {
        sdk.setStoreId(id);
        this.storeId = id;
        this.storeName = name;
    }

    /** The live stores with exactly this name (OpenFGA does not require names to be unique). */
    public List<Store> storesNamed(String name) {
        List<Store> found = new ArrayList<>();
        String token = null;
        do {
            ClientListStoresOptions o = new ClientListStoresOptions().pageSize(PAGE).name(name);
            if (token != null) {
                o.continuationToken(token);
            }
            ClientListStoresResponse page = read("list the stores", () -> sdk.listStores(o));
            for (Store s : page.getStores()) {
                if (name.equals(s.getName()) && s.getDeletedAt() == null) {
                    found.add(s);
                }
            }
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        return found;
    }

    /** Creates a store (sent once: a retry could create a second one); returns its id. The client is not bound to it. */
    public String createStore(String name) {
        return once("create the store '" + name + "'", () -> sdk.createStore(new CreateStoreRequest().name(name))).getId();
    }

    /** Every authorization model of the bound store, newest first (as the API lists them), as the server wrote them. */
    public ArrayNode models() {
        ArrayNode models = json.createArrayNode();
        String token = null;
        do {
            ClientReadAuthorizationModelsOptions options = new ClientReadAuthorizationModelsOptions().pageSize(PAGE)
                    .continuationToken(token);
            ClientReadAuthorizationModelsResponse r = read("read the authorization models", () -> sdk.readAuthorizationModels(options));
            JsonNode body = parse(r.getRawResponse(), "ReadAuthorizationModels");
            body.path("authorization_models").forEach(models::add);
            token = body.path("continuation_token").asText("");
        } while (!token.isEmpty());
        return models;
    }

    /**
     * Writes a model's schema_version, type_definitions and conditions unchanged into the bound store; returns the new
     * model's id. Sent once: a retry that had committed would leave a second, identical model.
     */
    public String writeModel(JsonNode model) {
        WriteAuthorizationModelRequest req;
        try {
            req = json.treeToValue(model, WriteAuthorizationModelRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("authorization model " + model.path("id").asText() + " of the bundle cannot be read"
                    + CauseDetail.parenthesised(e),
                    "the bundle's models.json is not in OpenFGA's format; export again with a compatible ferry-export", e);
        }
        return once("write authorization model " + model.path("id").asText(), () -> sdk.writeAuthorizationModel(req))
                .getAuthorizationModelId();
    }

    /**
     * Calls {@code each} with every tuple of the bound store, in the server's order, reading pages of 100 through Read
     * with no filter until the continuation token is "". Returns the number read.
     */
    public long forEachTuple(Consumer<TupleRecord> each) {
        long n = 0;
        String token = null;
        do {
            ClientReadOptions options = new ClientReadOptions().pageSize(PAGE).continuationToken(token);
            ClientReadResponse r = read("read the tuples", () -> sdk.read(new ClientReadRequest(), options));
            JsonNode body = parse(r.getRawResponse(), "Read");
            for (JsonNode t : body.path("tuples")) {
                each.accept(TupleRecord.fromJson(t));
                n++;
            }
            token = body.path("continuation_token").asText("");
        } while (!token.isEmpty());
        return n;
    }

    /**
     * One transactional write of at most 100 distinct tuples into the bound store, against the given model, with
     * {@code on_duplicate: ignore} (so it is idempotent, and retried like a read). Returns false when the model refuses
     * the tuples ({@code validation_error}): no tuple of the batch was written.
     */
    public boolean write(List<TupleRecord> batch, String modelId) {
        List<ClientTupleKey> keys = new ArrayList<>(batch.size());
        for (TupleRecord t : batch) {
            ClientTupleKey k = new ClientTupleKey().user(t.user()).relation(t.relation())._object(t.object());
            if (t.condition() != null) {
                // Always send a context ({} when empty): SQL backends compare conditions with proto.Equal (docs/reference/openfga-contract.md §11).
                Object ctx = json.convertValue(t.condition().path("context").isObject() ? t.condition().get("context")
                        : json.createObjectNode(), Map.class);
                k.condition(new ClientRelationshipCondition().name(t.condition().path("name").asText()).context(ctx));
            }
            keys.add(k);
        }
        ClientWriteOptions options = new ClientWriteOptions().authorizationModelId(modelId)
                .onDuplicate(WriteRequestWrites.OnDuplicateEnum.IGNORE);
        String what = batch.size() == 1 ? "write tuple " + batch.get(0).fingerprintLine().strip() : "write " + batch.size() + " tuples";
        try {
            retry.get(() -> await(() -> sdk.write(new ClientWriteRequest().writes(keys), options)));
            return true;
        } catch (StoreRetry.StoreCallException e) {
            if (isValidationError(e.getCause())) {
                return false;
            }
            throw translate(what, e.getCause());
        } catch (FerryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /**
     * One transactional delete of at most 100 distinct tuples from the bound store, with {@code on_missing: ignore}
     * (so it is idempotent, and retried like a read).
     */
    public void delete(List<TupleRecord> batch) {
        List<ClientTupleKeyWithoutCondition> keys = new ArrayList<>(batch.size());
        for (TupleRecord t : batch) {
            keys.add(new ClientTupleKeyWithoutCondition().user(t.user()).relation(t.relation())._object(t.object()));
        }
        ClientWriteOptions options = new ClientWriteOptions().onMissing(WriteRequestDeletes.OnMissingEnum.IGNORE);
        read("delete " + batch.size() + " tuples", () -> sdk.write(new ClientWriteRequest().deletes(keys), options));
    }

    /** Whether the bound store holds at least one tuple (one page of one tuple read). */
    public boolean hasTuples() {
        ClientReadResponse r = read("read the tuples", () -> sdk.read(new ClientReadRequest(), new ClientReadOptions().pageSize(1)));
        return parse(r.getRawResponse(), "Read").path("tuples").size() > 0;
    }

    /** An SDK call returning a future. */
    @FunctionalInterface
    private interface Call<T> {
        CompletableFuture<T> start() throws Exception;
    }

    /** A read (or an idempotent request), with the one retry policy. */
    private <T> T read(String operation, Call<T> call) {
        try {
            return retry.get(() -> await(call));
        } catch (StoreRetry.StoreCallException e) {
            throw translate(operation, e.getCause());
        } catch (FerryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(operation, e);
        }
    }

    /** A request that is not idempotent: sent once. */
    private <T> T once(String operation, Call<T> call) {
        try {
            return await(call);
        } catch (FerryException e) {
            throw e;
        } catch (Exception e) {
            throw translate(operation, e);
        }
    }

    private static <T> T await(Call<T> call) throws Exception {
        try {
            return call.start().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** 429 and 5xx answers, and network failures other than "nothing listens there", heal by waiting. */
    static boolean isTransient(Throwable e) {
        if (e instanceof FgaApiRateLimitExceededError || e instanceof FgaApiInternalError) {
            return true;
        }
        // The SDK reports a failed exchange as a bare ApiException around the I/O error (itself maybe wrapped).
        if (!(e instanceof ApiException) || e instanceof FgaError || Causes.has(e, ConnectException.class)
                || Causes.has(e, HttpConnectTimeoutException.class) || Causes.has(e, java.net.UnknownHostException.class)) {
            return false;
        }
        return Causes.has(e, IOException.class);
    }

    static boolean isValidationError(Throwable e) {
        Throwable c = unwrap(e);
        return c instanceof FgaError f && f.getStatusCode() == 400 && "validation_error".equals(f.getApiErrorCode());
    }

    /** The StoreException for a failure of {@code operation} ("read the tuples"), naming the key to check. */
    public StoreException translate(String operation, Throwable failure) {
        Throwable e = unwrap(failure);
        String at = "OpenFGA at " + config.apiUrl();
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new StoreException("interrupted while OpenFGA at " + config.apiUrl() + " was asked to " + operation,
                    "Re-run the command; a load continues with --resume.", e);
        }
        if (e instanceof FgaApiAuthenticationError) {
            return new StoreException(at + " refused the API token (openfga.token) to " + operation,
                    "Check the secret openfga.token refers to" + (config.token() == null ? " (none is set)" : " ("
                            + config.token().describe() + ")") + ".", e);
        }
        if (e instanceof FgaApiNotFoundError) {
            return new StoreException(at + ": " + (storeId == null ? config.store().describe() : "store id " + storeId)
                    + " was not found (openfga.store)", "Check the store openfga names, and that nobody deleted it meanwhile.", e);
        }
        if (Causes.has(e, ConnectException.class) || Causes.has(e, HttpConnectTimeoutException.class)) {
            return new StoreException(at + " cannot be reached (openfga.apiUrl)",
                    "Check the host and port in openfga.apiUrl, and that this machine can reach it.", e);
        }
        String detail = e instanceof FgaError fe ? "HTTP " + fe.getStatusCode() + " " + fe.getApiErrorCode() + ": "
                + fe.getApiErrorMessage() : Causes.rootMessage(e);
        return new StoreException(at + " failed to " + operation + ": " + detail,
                "Check openfga.apiUrl and the server's log; re-run once the cause is fixed (a load continues with --resume).", e);
    }

    private JsonNode parse(String raw, String operation) {
        try {
            return json.readTree(raw);
        } catch (IOException e) {
            throw new StoreException("OpenFGA at " + config.apiUrl() + " answered " + operation
                    + " with a body that is not JSON", "Check openfga.apiUrl points at the OpenFGA HTTP API (port 8080).", e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable c = e;
        while ((c instanceof ExecutionException || c instanceof CompletionException || c instanceof StoreRetry.StoreCallException)
                && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }


}
