package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;

/** One parsed HTTP call: path segments, query parameters and the JSON body (missing for GET/DELETE). */
record ApiRequest(String method, List<String> path, Map<String, String> query, JsonNode body) {

    /** A body field as protojson sees it: JSON null is the same as absent. */
    JsonNode field(String name) {
        JsonNode value = body.path(name);
        return value.isNull() ? MissingNode.getInstance() : value;
    }

    String storeId() {
        return path.get(1);
    }
}
