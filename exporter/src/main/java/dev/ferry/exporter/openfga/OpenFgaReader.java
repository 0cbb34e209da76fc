package dev.ferry.exporter.openfga;

import dev.ferry.stores.openfga.OpenFgaConnector;
import dev.ferry.stores.openfga.TupleRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ferry.common.StoreException;
import dev.openfga.sdk.api.client.model.ClientReadAuthorizationModelsResponse;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientReadResponse;
import dev.openfga.sdk.api.configuration.ClientReadAuthorizationModelsOptions;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads an OpenFGA store: every authorization model (newest first, as the API lists them) and every tuple, through
 * Read with no filter, page size 100, until the continuation token is "". Responses are taken raw, so models and
 * conditions are carried exactly as the server wrote them. The importer's validate reads the Target with it.
 */
public final class OpenFgaReader {
    static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenFgaConnector.Session session;

    public OpenFgaReader(OpenFgaConnector.Session session) {
        this.session = session;
    }

    /** Every model of the store, newest first. */
    public ArrayNode models() {
        ArrayNode models = JSON.createArrayNode();
        String token = null;
        do {
            ClientReadAuthorizationModelsOptions options = new ClientReadAuthorizationModelsOptions().pageSize(PAGE)
                    .continuationToken(token);
            ClientReadAuthorizationModelsResponse r = OpenFgaConnector.call(session.config(), "ReadAuthorizationModels",
                    () -> session.client().readAuthorizationModels(options));
            JsonNode body = parse(r.getRawResponse(), "ReadAuthorizationModels");
            body.path("authorization_models").forEach(models::add);
            token = body.path("continuation_token").asText("");
        } while (!token.isEmpty());
        return models;
    }

    /** Calls {@code each} with every tuple of the store, in the server's order. Returns the number read. */
    public long forEachTuple(Consumer<TupleRecord> each) {
        long n = 0;
        String token = null;
        do {
            ClientReadOptions options = new ClientReadOptions().pageSize(PAGE).continuationToken(token);
            ClientReadResponse r = OpenFgaConnector.call(session.config(), "Read",
                    () -> session.client().read(new ClientReadRequest(), options));
            JsonNode body = parse(r.getRawResponse(), "Read");
            for (JsonNode t : body.path("tuples")) {
                each.accept(TupleRecord.fromJson(t));
                n++;
            }
            token = body.path("continuation_token").asText("");
        } while (!token.isEmpty());
        return n;
    }

    private JsonNode parse(String raw, String operation) {
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            throw new StoreException("OpenFGA at " + session.config().apiUrl() + " answered " + operation
                    + " with a body that is not JSON", "Check openfga.apiUrl points at the OpenFGA HTTP API (port 8080).", e);
        }
    }
}
