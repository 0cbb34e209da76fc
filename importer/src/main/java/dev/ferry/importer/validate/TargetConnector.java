package dev.ferry.importer.validate;

import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.keycloak.KeycloakConnector;
import dev.ferry.stores.objects.ObjectStoreConnector;
import dev.ferry.stores.openfga.OpenFgaConnector;
import dev.ferry.stores.postgres.PostgresConnector;
import dev.ferry.importer.config.ConflictPolicy;
import dev.ferry.importer.config.OpenFgaTarget;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens the Target stores target.yaml configures, for reading only, through the exporter's connectors (one way to
 * connect to each store, one set of error messages). Closing it closes them all.
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
                    fga == null || fga.usernameTuples() == null ? UsernameTuples.DROP : fga.usernameTuples(), objects(config),
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

    private JdbcTargetPostgres postgres(TargetConfig config) {
        if (config.postgres() == null || !wanted("postgres")) {
            return null;
        }
        Connection c = PostgresConnector.connect(config.postgres().connection());
        open.add(c);
        return new JdbcTargetPostgres(c, config.postgres().url());
    }

    private TargetKeycloak keycloak(TargetConfig config) {
        if (config.keycloak() == null || !wanted("keycloak")) {
            return null;
        }
        KeycloakConnector.Session session = KeycloakConnector.connect(config.keycloak().connection());
        open.add(session);
        return new TargetKeycloak(session.realm(), config.keycloak().url() + " realm " + config.keycloak().realm());
    }

    /** The store the load wrote: by the id its journal recorded for this bundle, else by the configured name. */
    private TargetOpenFga openfga(TargetConfig config, String bundleId) {
        OpenFgaTarget fga = config.openfga();
        if (fga == null || !wanted("openfga")) {
            return null;
        }
        OpenFgaConfig c = fga.connection();
        String journalId = journalStoreId(config, bundleId);
        if (journalId != null) {
            c = new OpenFgaConfig(c.apiUrl(), new OpenFgaConfig.StoreRef(journalId, null), c.token());
        }
        OpenFgaConnector.Session session = OpenFgaConnector.connect(c);
        return new TargetOpenFga(session, fga.apiUrl());
    }

    private TargetObjects objects(TargetConfig config) {
        if (config.objects() == null || !wanted("objects")) {
            return null;
        }
        return new TargetObjects(ObjectStoreConnector.connect(config.objects().connection()), config.objects().endpoint());
    }

    private boolean wanted(String store) {
        return only.isEmpty() || only.contains(store);
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
