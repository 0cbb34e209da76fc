package dev.ferry.tests.openfga;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The emulator's whole state. Not thread-safe by itself: the HTTP layer runs each call while holding
 * this object's monitor, which makes every call one transaction.
 */
final class StoreRegistry {
    private final Ulids ulids = new Ulids();
    private final NavigableMap<String, StoreRecord> stores = new TreeMap<>();
    private final Map<String, StoreData> data = new HashMap<>();

    /** Microseconds, as PostgreSQL keeps timestamps. */
    Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    String newId(Instant now) {
        return ulids.next(now);
    }

    StoreRecord create(String name) {
        Instant now = now();
        StoreRecord store = new StoreRecord(newId(now), name, now, now, null);
        stores.put(store.id(), store);
        return store;
    }

    /** A live store, or null when none has that id or it was deleted. */
    StoreRecord store(String id) {
        StoreRecord store = stores.get(id);
        return store == null || store.deleted() ? null : store;
    }

    /** Live stores in ascending id (creation) order. */
    Iterable<StoreRecord> liveStores(String fromId) {
        NavigableMap<String, StoreRecord> view = fromId == null ? stores : stores.tailMap(fromId, true);
        return () -> view.values().stream().filter(s -> !s.deleted()).iterator();
    }

    void delete(String id) {
        StoreRecord store = store(id);
        if (store != null) {
            Instant now = now();
            stores.put(id, new StoreRecord(id, store.name(), store.createdAt(), now, now));
        }
    }

    StoreData data(String storeId) {
        return data.computeIfAbsent(storeId, id -> new StoreData());
    }

    /** The model a Write or Check runs against: the one asked for, else the latest. */
    AuthorizationModel resolveModel(String storeId, String modelId) {
        StoreData store = data(storeId);
        if (!modelId.isEmpty()) {
            AuthorizationModel model = store.model(modelId);
            if (model == null) {
                throw ApiError.modelNotFound(modelId);
            }
            return model;
        }
        AuthorizationModel latest = store.latestModel();
        if (latest == null) {
            throw ApiError.noModel(storeId);
        }
        return latest;
    }
}
