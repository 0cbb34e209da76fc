package dev.ferry.tests.e2e.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to an OpenFGA server, for tests that prepare a store the way kea or an operator would. */
final class FgaHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A minimal model: documents viewed by users. */
    static final String MODEL = """
            {"schema_version":"1.1","type_definitions":[{"type":"user"},{"type":"doc","relations":{"viewer":{"this":{}}},
            "metadata":{"relations":{"viewer":{"directly_related_user_types":[{"type":"user"}]}}}}]}""";

    private FgaHttp() {
    }

    static JsonNode post(String apiUrl, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Creates a store the way kea does at start-up: by name, with its own model, and no tuple. Returns its id. */
    static String createKeaStore(String apiUrl, String name) throws Exception {
        String id = post(apiUrl, "/stores", "{\"name\":\"" + name + "\"}").path("id").asText();
        post(apiUrl, "/stores/" + id + "/authorization-models", MODEL);
        return id;
    }

    /** Writes one tuple under the store's latest model (the minimal one above). */
    static void writeOneTuple(String apiUrl, String storeId) throws Exception {
        post(apiUrl, "/stores/" + storeId + "/write",
                "{\"writes\":{\"tuple_keys\":[{\"user\":\"user:someone\",\"relation\":\"viewer\",\"object\":\"doc:1\"}]}}");
    }

    /** Writes and deletes tuples of a store in one request (either list may be empty: "[]"). */
    static void change(String apiUrl, String storeId, String writes, String deletes) throws Exception {
        StringBuilder b = new StringBuilder("{");
        if (!writes.equals("[]")) {
            b.append("\"writes\":{\"tuple_keys\":").append(writes).append("}");
        }
        if (!deletes.equals("[]")) {
            b.append(b.length() > 1 ? "," : "").append("\"deletes\":{\"tuple_keys\":").append(deletes).append("}");
        }
        post(apiUrl, "/stores/" + storeId + "/write", b.append("}").toString());
    }

    /** The id of the only store with this name. */
    static String storeId(String apiUrl, String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + "/stores?page_size=100")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String id = null;
        for (JsonNode s : JSON.readTree(r.body()).path("stores")) {
            if (s.path("name").asText().equals(name)) {
                if (id != null) {
                    throw new IllegalStateException("two stores named " + name);
                }
                id = s.path("id").asText();
            }
        }
        if (id == null) {
            throw new IllegalStateException("no store named " + name);
        }
        return id;
    }
}
