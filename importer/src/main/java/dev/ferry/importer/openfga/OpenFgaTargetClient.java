package dev.ferry.importer.openfga;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.common.StoreException;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.importer.config.OpenFgaTarget;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientRelationshipCondition;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ApiToken;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.configuration.ClientWriteOptions;
import dev.openfga.sdk.api.configuration.Credentials;
import dev.openfga.sdk.api.model.CreateStoreRequest;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.api.model.WriteAuthorizationModelRequest;
import dev.openfga.sdk.api.model.WriteRequestWrites;
import dev.openfga.sdk.errors.FgaError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Target OpenFGA through the Java SDK. Writes use {@code on_duplicate=ignore}: the SDK retries a write on 5xx and
 * network errors, and a retried write that had committed would otherwise fail as "already exists"
 * (openfga-contract.md §7); it also makes re-running a load harmless.
 */
final class OpenFgaTargetClient {
    private final OpenFgaTarget target;
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private OpenFgaClient client;

    OpenFgaTargetClient(OpenFgaTarget target, String storeId) {
        this.target = target;
        try {
            ClientConfiguration c = new ClientConfiguration().apiUrl(target.apiUrl()).maxRetries(3)
                    .minimumRetryDelay(Duration.ofMillis(100)).readTimeout(Duration.ofSeconds(60));
            if (storeId != null) {
                c.storeId(storeId);
            }
            if (target.token() != null) {
                c.credentials(new Credentials(new ApiToken(target.token().reveal())));
            }
            client = new OpenFgaClient(c);
        } catch (Exception e) {
            throw new StoreException("cannot set up the OpenFGA client for " + target.apiUrl() + ": " + e.getMessage(),
                    "check openfga.apiUrl in target.yaml");
        }
    }

    void useStore(String storeId) {
        client.setStoreId(storeId);
    }

    /** Stores with exactly this name (names need not be unique in OpenFGA). */
    List<Store> storesNamed(String name) {
        List<Store> found = new ArrayList<>();
        String token = null;
        do {
            ClientListStoresOptions o = new ClientListStoresOptions().pageSize(100).name(name);
            if (token != null) {
                o.continuationToken(token);
            }
            var page = await(() -> client.listStores(o), "list stores");
            for (Store s : page.getStores()) {
                if (name.equals(s.getName()) && s.getDeletedAt() == null) {
                    found.add(s);
                }
            }
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        return found;
    }

    String createStore(String name) {
        return await(() -> client.createStore(new CreateStoreRequest().name(name)), "create store " + name).getId();
    }

    /** POSTs a Source model's schema_version, type_definitions and conditions unchanged; returns the new id. */
    String writeModel(JsonNode model) {
        WriteAuthorizationModelRequest req;
        try {
            req = json.treeToValue(model, WriteAuthorizationModelRequest.class);
        } catch (Exception e) {
            throw new StoreException("authorization model " + model.path("id").asText() + " of the bundle cannot be read: " + e.getMessage(),
                    "the bundle's models.json is not in OpenFGA's format; export again with a compatible ferry-export");
        }
        return await(() -> client.writeAuthorizationModel(req), "write authorization model " + model.path("id").asText())
                .getAuthorizationModelId();
    }

    /** One transactional write of at most 100 distinct tuples, against the given model. */
    CompletableFuture<?> write(List<TupleRecord> batch, String modelId) {
        List<ClientTupleKey> keys = new ArrayList<>(batch.size());
        for (TupleRecord t : batch) {
            ClientTupleKey k = new ClientTupleKey().user(t.user()).relation(t.relation())._object(t.object());
            if (t.condition() != null) {
                // Always send a context ({} when empty): SQL backends compare conditions with proto.Equal (contract §11).
                Object ctx = json.convertValue(t.condition().path("context").isObject() ? t.condition().get("context")
                        : json.createObjectNode(), Map.class);
                k.condition(new ClientRelationshipCondition().name(t.condition().path("name").asText()).context(ctx));
            }
            keys.add(k);
        }
        ClientWriteOptions options = new ClientWriteOptions().authorizationModelId(modelId)
                .onDuplicate(WriteRequestWrites.OnDuplicateEnum.IGNORE);
        try {
            return client.write(new ClientWriteRequest().writes(keys), options);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    interface Call<T> {
        CompletableFuture<T> start() throws Exception;
    }

    <T> T await(Call<T> call, String what) {
        try {
            return call.start().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted during OpenFGA " + what, "re-run with --resume");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), what);
        } catch (Exception e) {
            throw failure(e, what);
        }
    }

    StoreException failure(Throwable e, String what) {
        Throwable c = e;
        while (c != null && !(c instanceof FgaError) && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof FgaError f) {
            String fix = f.isAuthenticationError() ? "check openfga.apiToken" : "read the OpenFGA server log; --resume continues the load";
            return new StoreException("OpenFGA at " + target.apiUrl() + " refused to " + what + ": HTTP " + f.getStatusCode() + " "
                    + f.getApiErrorCode() + " " + f.getApiErrorMessage(), fix, f);
        }
        return new StoreException("cannot reach OpenFGA at " + target.apiUrl() + " to " + what + ": "
                + (e == null ? "unknown" : e.getMessage()), "check openfga.apiUrl and that the server is running", e);
    }

    static boolean isValidationError(Throwable e) {
        Throwable c = e;
        while (c != null && !(c instanceof FgaError) && c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c instanceof FgaError f && f.getStatusCode() == 400 && "validation_error".equals(f.getApiErrorCode());
    }
}
