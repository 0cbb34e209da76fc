package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.configuration.ApiToken;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.Credentials;
import io.minio.MinioClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.admin.client.Keycloak;

/**
 * Opens read-only connections to the Target stores target.yaml configures, for validation. Closing it closes them all.
 * Store addresses appear in messages; credentials never do.
 */
public final class TargetConnector implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final TargetStores stores;

    public TargetConnector(TargetConfig config, String bundleId) {
        try {
            stores = new TargetStores(postgres(config), keycloak(config), openfga(config), journalStoreId(config, bundleId),
                    config.openfga() == null ? null : config.openfga().storeName(),
                    config.openfga() == null ? UsernameTuples.DROP : config.openfga().usernameTuples(), objects(config),
                    config.objects() == null ? b -> b : config.objects()::targetBucket,
                    config.objects() == null ? 1 : Math.max(1, config.objects().concurrency()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public TargetStores stores() {
        return stores;
    }

    private JdbcTargetPostgres postgres(TargetConfig config) {
        var pg = config.postgres();
        if (pg == null) {
            return null;
        }
        try {
            Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
            open.add(c);
            return new JdbcTargetPostgres(c, pg.jdbcUrl());
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the Target PostgreSQL " + pg.jdbcUrl() + " as " + pg.user() + ": " + e.getMessage(),
                    "check postgres.jdbcUrl, postgres.user and the password reference in target.yaml, and that the database is up");
        }
    }

    private TargetKeycloak keycloak(TargetConfig config) {
        var kc = config.keycloak();
        if (kc == null) {
            return null;
        }
        Keycloak admin = Keycloak.getInstance(kc.url(), kc.adminRealm(), kc.username(), kc.password(), kc.clientId());
        open.add(admin::close);
        return new TargetKeycloak(admin.realm(kc.realm()), kc.url() + " realm " + kc.realm());
    }

    private TargetOpenFga openfga(TargetConfig config) {
        var fga = config.openfga();
        if (fga == null) {
            return null;
        }
        try {
            ClientConfiguration c = new ClientConfiguration().apiUrl(fga.apiUrl()).maxRetries(3)
                    .minimumRetryDelay(Duration.ofMillis(100)).readTimeout(Duration.ofSeconds(60));
            if (fga.apiToken() != null) {
                c.credentials(new Credentials(new ApiToken(fga.apiToken())));
            }
            return new TargetOpenFga(new OpenFgaClient(c), fga.apiUrl());
        } catch (Exception e) {
            throw new StoreException("cannot set up the OpenFGA client for " + fga.apiUrl() + ": " + e.getMessage(),
                    "check openfga.apiUrl in target.yaml");
        }
    }

    private TargetObjects objects(TargetConfig config) {
        var s3 = config.objects();
        if (s3 == null) {
            return null;
        }
        MinioClient.Builder b = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey());
        if (s3.region() != null) {
            b.region(s3.region());
        }
        return new TargetObjects(b.build(), s3.endpoint());
    }

    /** The store id the load recorded for this bundle, so validation reads the store the load wrote. */
    private static String journalStoreId(TargetConfig config, String bundleId) {
        if (config.openfga() == null || config.stateDir() == null) {
            return null;
        }
        try (Journal journal = Journal.open(config.stateDir(), bundleId)) {
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
