package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.common.StoreException;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientReadResponse;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.api.model.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** Reads the Target OpenFGA store the load created: every tuple, paged at the server's maximum page size. */
final class TargetOpenFga {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenFgaClient client;
    private final String where;

    TargetOpenFga(OpenFgaClient client, String where) {
        this.client = client;
        this.where = where;
    }

    /**
     * The store to validate: the id the load journal recorded, else the newest store with the configured name (the
     * application also finds its store by name).
     */
    String resolveStore(String journalStoreId, String storeName) {
        if (journalStoreId != null && !journalStoreId.isBlank()) {
            return journalStoreId;
        }
        List<Store> named = new ArrayList<>();
        String token = null;
        do {
            ClientListStoresOptions options = new ClientListStoresOptions().pageSize(100);
            if (token != null) {
                options.continuationToken(token);
            }
            var page = call(() -> client.listStores(options).get());
            page.getStores().stream().filter(s -> storeName.equals(s.getName())).forEach(named::add);
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        return named.stream().max(Comparator.comparing(Store::getCreatedAt)).map(Store::getId)
                .orElseThrow(() -> new MissingOnTarget("no store named '" + storeName + "' exists on the Target OpenFGA " + where));
    }

    /** Calls {@code tuple} with every tuple of the store, as (user, relation, object, condition-or-null) JSON. */
    void forEachTuple(String storeId, Consumer<JsonNode> tuple) {
        client.setStoreId(storeId);
        String token = null;
        do {
            ClientReadOptions options = new ClientReadOptions().pageSize(100);
            if (token != null) {
                options.continuationToken(token);
            }
            ClientReadResponse page = call(() -> client.read(new ClientReadRequest(), options).get());
            for (Tuple t : page.getTuples()) {
                var key = t.getKey();
                var node = JSON.createObjectNode().put("user", key.getUser()).put("relation", key.getRelation())
                        .put("object", key.getObject());
                if (key.getCondition() == null) {
                    node.putNull("condition");
                } else {
                    node.putObject("condition").put("name", key.getCondition().getName())
                            .set("context", JSON.valueToTree(key.getCondition().getContext()));
                }
                tuple.accept(node);
            }
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    private <T> T call(Call<T> request) {
        try {
            return request.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading the Target OpenFGA " + where, "re-run validate");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException("the Target OpenFGA " + where + " failed while validation read it: " + cause.getMessage(),
                    "check that OpenFGA is up, reachable at openfga.apiUrl, and that the API token is right", cause);
        } catch (Exception e) {
            throw new StoreException("the Target OpenFGA " + where + " could not be read: " + e.getMessage(),
                    "check openfga.apiUrl in target.yaml", e);
        }
    }
}
