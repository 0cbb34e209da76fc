package dev.ferry.tests.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientCheckRequest;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientTupleKey;
import dev.openfga.sdk.api.client.model.ClientWriteRequest;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.model.CreateStoreRequest;
import dev.openfga.sdk.api.model.Metadata;
import dev.openfga.sdk.api.model.RelationMetadata;
import dev.openfga.sdk.api.model.RelationReference;
import dev.openfga.sdk.api.model.Tuple;
import dev.openfga.sdk.api.model.TypeDefinition;
import dev.openfga.sdk.api.model.Userset;
import dev.openfga.sdk.api.model.WriteAuthorizationModelRequest;
import dev.openfga.sdk.errors.FgaInvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness's OpenFGA (server or emulator) answers the production SDK: store, model, tuples. */
@ExtendWith(StoresExtension.class)
class OpenFgaHarnessTest {

    @Test
    void storeModelAndTupleRoundTripThroughTheSdk(Stores stores)
            throws FgaInvalidParameterException, ExecutionException, InterruptedException {
        assertNotEquals(stores.source().openfga().apiUrl(), stores.target().openfga().apiUrl());
        OpenFgaClient client = new OpenFgaClient(new ClientConfiguration().apiUrl(stores.target().openfga().apiUrl()));
        String storeId = client.createStore(new CreateStoreRequest().name("kea")).get().getId();
        client.setStoreId(storeId);

        String modelId = client.writeAuthorizationModel(keaLikeModel()).get().getAuthorizationModelId();
        client.setAuthorizationModelId(modelId);
        assertEquals(modelId, client.readLatestAuthorizationModel().get().getAuthorizationModel().getId());

        ClientTupleKey tuple = new ClientTupleKey().user("user:0a4866a1-3c2b-4f5e-9d8c-92e9a65345aa")
                
                .relation("member")._object("team:53f994d1-7e2a-4c1b-8f3d-1a2b3c4d5e6f");
        client.write(new ClientWriteRequest().writes(List.of(tuple))).get();

        List<Tuple> read = client.read(new ClientReadRequest()._object("team:53f994d1-7e2a-4c1b-8f3d-1a2b3c4d5e6f"))
                .get().getTuples();
        assertEquals(1, read.size());
        assertEquals("user:0a4866a1-3c2b-4f5e-9d8c-92e9a65345aa", read.get(0).getKey().getUser());
        assertEquals("member", read.get(0).getKey().getRelation());
        assertTrue(client.check(new ClientCheckRequest().user("user:0a4866a1-3c2b-4f5e-9d8c-92e9a65345aa")
                .relation("member")._object("team:53f994d1-7e2a-4c1b-8f3d-1a2b3c4d5e6f")).get().getAllowed());
    }

    /** A two-type model in the shape of kea's: users are members of teams. */
    private static WriteAuthorizationModelRequest keaLikeModel() {
        TypeDefinition user = new TypeDefinition().type("user");
        TypeDefinition team = new TypeDefinition().type("team")
                .relations(Map.of("member", new Userset()._this(Map.of())))
                .metadata(new Metadata().relations(Map.of("member", new RelationMetadata()
                        .directlyRelatedUserTypes(List.of(new RelationReference().type("user"))))));
        return new WriteAuthorizationModelRequest().schemaVersion("1.1").typeDefinitions(List.of(user, team));
    }
}
