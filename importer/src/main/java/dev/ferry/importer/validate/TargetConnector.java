package dev.ferry.importer.validate;

import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.config.OpenFgaTarget;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.stores.StoreKind;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.postgres.PostgresClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens the Target stores target.yaml configures, for reading only, through the store clients the export and the load
 * use (one way to connect to each store, one set of error messages). Closing it closes them all.
 */
public final class TargetConnector implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TargetStores stores;
    private final Set<String> only;

    public TargetConnector(TargetConfig config, String bundleId) {
        this(config, bundleId, Set.of());
    }

    /**
     * @param only the stores validate --stores names (empty: all); the others are not connected to, so validating a
     *             partial load does not fail on a store the load never touched (a realm not created yet)
     */
    public TargetConnector(TargetConfig config, String bundleId, Set<String> only) {
        this.only = Set.copyOf(only);
        try {
            OpenFgaTarget fga = config.openfga();
            stores = new TargetStores(postgres(config),
                    config.postgres() == null ? table -> ConflictPolicy.REFUSE : config.postgres()::conflictPolicy, keycloak(config), openfga(config, bundleId),
                    fga == null || fga.usernameTuples() == null ? UsernameTuples.DROP : fga.usernameTuples(),
                    fga == null ? null : fga.storeName(), objects(config),
                    config.objects() == null ? b -> b : config.objects()::targetBucket,
                    config.objects() == null || config.objects().concurrency() == null ? 4 : Math.max(1, config.objects().concurrency()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public TargetStores stores() {
        return stores;
    }

    private TargetPostgres postgres(TargetConfig config) {
        if (config.postgres() == null || !wanted(StoreKind.POSTGRES)) {
            return null;
        }
        TargetPostgres db = new TargetPostgres(new PostgresClient(config.postgres().connection()));
        open.add(db);
        return db;
    }

    private KeycloakClient keycloak(TargetConfig config) {
        if (config.keycloak() == null || !wanted(StoreKind.KEYCLOAK)) {
            return null;
        }
        KeycloakClient client = KeycloakClient.connect(config.keycloak().connection());
        open.add(client);
        return client;
    }

    /** The store the load wrote: by the id its journal recorded for this bundle, else by the configured name. */
    private OpenFgaStoreClient openfga(TargetConfig config, String bundleId) {
        OpenFgaTarget fga = config.openfga();
        if (fga == null || !wanted(StoreKind.OPENFGA)) {
            return null;
        }
        OpenFgaConfig c = fga.connection();
        String journalId = journalStoreId(config, bundleId);
        if (journalId != null) {
            c = new OpenFgaConfig(c.apiUrl(), new OpenFgaConfig.StoreRef(journalId, null), c.token());
        }
        return OpenFgaStoreClient.connect(c);
    }

    private ObjectStoreClient objects(TargetConfig config) {
        if (config.objects() == null || !wanted(StoreKind.OBJECTS)) {
            return null;
        }
        return new ObjectStoreClient(config.objects().connection());
    }

    private boolean wanted(StoreKind store) {
        return only.isEmpty() || only.contains(store.label());
    }

    private static String journalStoreId(TargetConfig config, String bundleId) {
        try (Journal journal = Journal.open(config.stateDirPath(), bundleId)) {
            return journal.step("openfga.store").filter(StepRecord::done).map(s -> s.details().get("storeId")).orElse(null);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing a read-only connection cannot lose anything; the validation result stands.
            }
        }
        open.clear();
    }
}
