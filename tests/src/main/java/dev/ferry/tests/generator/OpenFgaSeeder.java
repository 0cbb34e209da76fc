package dev.ferry.tests.generator;

import dev.ferry.common.StoreException;
import dev.ferry.tests.harness.OpenFgaEndpoint;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.model.CreateStoreRequest;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.errors.FgaInvalidParameterException;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Creates the kea store by name (replacing a store of the same name, since kea resolves its store by name),
 * writes kea's model, then the tuples in transactions of 100, OpenFGA's per-request limit.
 */
final class OpenFgaSeeder {
    private static final int WRITE_LIMIT = 100;

    /** The ids of the store and model created. */
    record Created(String storeId, String modelId) {
    }

    Created seed(KeaDataset dataset, OpenFgaEndpoint endpoint, String storeName) {
        try {
            OpenFgaClient client = new OpenFgaClient(new ClientConfiguration().apiUrl(endpoint.apiUrl()));
            for (Store existing : client.listStores(new ClientListStoresOptions().name(storeName).pageSize(100)).get()
                    .getStores()) {
                if (existing.getName().equals(storeName)) {
                    client.setStoreId(existing.getId());
                    client.deleteStore().get();
                }
            }
            String storeId = client.createStore(new CreateStoreRequest().name(storeName)).get().getId();
            client.setStoreId(storeId);
            String modelId = client.writeAuthorizationModel(KeaOpenFgaModel.request()).get().getAuthorizationModelId();
            client.setAuthorizationModelId(modelId);
            List<FgaTuple> tuples = dataset.tuples();
            for (int from = 0; from < tuples.size(); from += WRITE_LIMIT) {
                List<ClientTupleKey> chunk = tuples.subList(from, Math.min(tuples.size(), from + WRITE_LIMIT)).stream()
                        .map(t -> new ClientTupleKey().user(t.user()).relation(t.relation())._object(t.object()))
                        .toList();
                client.write(new ClientWriteRequest().writes(chunk)).get();
            }
            return new Created(storeId, modelId);
        } catch (FgaInvalidParameterException | ExecutionException e) {
            throw new StoreException("seeding OpenFGA store " + storeName + " at " + endpoint.apiUrl() + " failed: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
                    "check that the OpenFGA server answers and accepts kea's model", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("seeding OpenFGA store " + storeName + " was interrupted", "run it again", e);
        }
    }
}
