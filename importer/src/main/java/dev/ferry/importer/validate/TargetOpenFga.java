package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.stores.openfga.OpenFgaConnector;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientReadResponse;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import dev.openfga.sdk.api.model.Tuple;
import java.util.function.Consumer;

/** Reads the Target OpenFGA store the load created: every tuple, paged at the server's maximum page size. */
final class TargetOpenFga {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenFgaConnector.Session session;
    private final String where;

    TargetOpenFga(OpenFgaConnector.Session session, String where) {
        this.session = session;
        this.where = where;
    }

    String storeId() {
        return session.storeId();
    }

    /** Calls {@code tuple} with every tuple of the store as {user, relation, object, condition} JSON. */
    void forEachTuple(Consumer<JsonNode> tuple) {
        String token = null;
        do {
            ClientReadOptions options = new ClientReadOptions().pageSize(100);
            if (token != null) {
                options.continuationToken(token);
            }
            ClientReadResponse page = OpenFgaConnector.call(session.config(), "Read (validation, " + where + ")",
                    () -> session.client().read(new ClientReadRequest(), options));
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
}
