package dev.ferry.tests.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything kept under one store id: models (oldest first), tuples, the append-only changelog and
 * assertions. Like the server, this lives apart from the store row, so it survives a store delete and
 * can exist for an id no store was created with.
 */
final class StoreData {
    private final List<AuthorizationModel> models = new ArrayList<>();
    private final NavigableMap<String, StoredTuple> tuplesByUlid = new TreeMap<>();
    private final Map<String, StoredTuple> tuplesById = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, JsonNode> assertions = new HashMap<>();

    void addModel(AuthorizationModel model) {
        models.add(model);
    }

    /** Newest first, as ReadAuthorizationModels lists them. */
    List<AuthorizationModel> modelsNewestFirst() {
        List<AuthorizationModel> list = new ArrayList<>(models);
        Collections.reverse(list);
        return list;
    }

    AuthorizationModel model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    AuthorizationModel latestModel() {
        return models.isEmpty() ? null : models.get(models.size() - 1);
    }

    StoredTuple tuple(String id) {
        return tuplesById.get(id);
    }

    /** Tuples in insertion order from {@code fromUlid} (inclusive; null for the start). */
    Iterable<StoredTuple> tuplesFrom(String fromUlid) {
        return fromUlid == null ? tuplesByUlid.values() : tuplesByUlid.tailMap(fromUlid, true).values();
    }

    void putTuple(StoredTuple tuple) {
        tuplesById.put(tuple.key().id(), tuple);
        tuplesByUlid.put(tuple.ulid(), tuple);
    }

    void removeTuple(String id) {
        StoredTuple removed = tuplesById.remove(id);
        tuplesByUlid.remove(removed.ulid());
    }

    void addChange(Change change) {
        changes.add(change);
    }

    List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    JsonNode assertions(String modelId) {
        return assertions.get(modelId);
    }

    void putAssertions(String modelId, JsonNode list) {
        assertions.put(modelId, list);
    }
}
