package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Maps a method and path to the API call, as the server's gateway routes do. */
final class Router {
    private final StoresApi stores;
    private final ModelsApi models;
    private final ReadApi read;
    private final WriteApi write;
    private final ChangesApi changes;
    private final CheckApi check;
    private final AssertionsApi assertions;
    private final ObjectMapper json;

    Router(StoreRegistry registry, ObjectMapper json) {
        PageTokens tokens = new PageTokens(json);
        this.stores = new StoresApi(registry, json, tokens);
        this.models = new ModelsApi(registry, json, tokens);
        this.read = new ReadApi(registry, json, tokens);
        this.write = new WriteApi(registry, json);
        this.changes = new ChangesApi(registry, json, tokens);
        this.check = new CheckApi(registry, json);
        this.assertions = new AssertionsApi(registry, json);
        this.json = json;
    }

    ApiResponse route(ApiRequest request) {
        List<String> shape = new ArrayList<>(request.path());
        if (shape.size() > 1) {
            shape.set(1, "{id}");
        }
        if (shape.size() > 3) {
            shape.set(3, "{sub}");
        }
        switch (request.method() + " " + String.join("/", shape)) {
            case "GET healthz":
                return ApiResponse.ok(json.createObjectNode().put("status", "SERVING"));
            case "POST stores":
                return stores.create(request);
            case "GET stores":
                return stores.list(request);
            case "GET stores/{id}":
                return stores.get(request);
            case "DELETE stores/{id}":
                return stores.delete(request);
            case "POST stores/{id}/authorization-models":
                return models.write(request);
            case "GET stores/{id}/authorization-models":
                return models.list(request);
            case "GET stores/{id}/authorization-models/{sub}":
                return models.get(request);
            case "POST stores/{id}/read":
                return read.read(request);
            case "POST stores/{id}/write":
                return write.write(request);
            case "GET stores/{id}/changes":
                return changes.readChanges(request);
            case "POST stores/{id}/check":
                return check.check(request);
            case "GET stores/{id}/assertions/{sub}":
                return assertions.read(request);
            case "PUT stores/{id}/assertions/{sub}":
                return assertions.write(request);
            default:
                throw ApiError.notFound("undefined_endpoint", "Not Found");
        }
    }
}
