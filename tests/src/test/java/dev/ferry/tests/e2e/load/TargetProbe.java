package dev.ferry.tests.e2e.load;

import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import dev.openfga.sdk.api.model.Store;
import dev.openfga.sdk.api.model.Tuple;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;

/** Reads the Target stores through their own client libraries, for the tests' assertions. */
final class TargetProbe implements AutoCloseable {
    private final TargetFixture t;
    private final Keycloak keycloak;
    private final MinioClient s3;

    TargetProbe(TargetFixture t) {
        this.t = t;
        KeycloakEndpoint kc = t.target.keycloak();
        this.keycloak = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli");
        this.s3 = MinioClient.builder().endpoint(t.target.s3().endpoint()).credentials(t.target.s3().accessKey(), t.target.s3().secretKey()).build();
    }

    boolean realmExists() {
        return keycloak.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(t.realm));
    }

    RealmResource realm() {
        return keycloak.realm(t.realm);
    }

    List<Store> fgaStores() throws Exception {
        OpenFgaClient c = new OpenFgaClient(new ClientConfiguration().apiUrl(t.target.openfga().apiUrl()));
        return c.listStores(new ClientListStoresOptions().name(t.storeName).pageSize(100)).get().getStores().stream()
                .filter(s -> s.getName().equals(t.storeName)).toList();
    }

    /** Every tuple of the store, as "object#relation@user", sorted; duplicates would show as a smaller set than list. */
    List<String> tuples(String storeId) throws Exception {
        OpenFgaClient c = new OpenFgaClient(new ClientConfiguration().apiUrl(t.target.openfga().apiUrl()).storeId(storeId));
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            ClientReadOptions o = new ClientReadOptions().pageSize(100);
            if (token != null) {
                o.continuationToken(token);
            }
            var page = c.read(new ClientReadRequest(), o).get();
            for (Tuple tu : page.getTuples()) {
                all.add(tu.getKey().getObject() + "#" + tu.getKey().getRelation() + "@" + tu.getKey().getUser());
            }
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        all.sort(null);
        return all;
    }

    long rows(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The table's content fingerprint, computed like the exporter does (docs/bundle-contents.md). */
    String fingerprint(String table, String columns, String orderBy) throws Exception {
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET DateStyle = 'ISO, YMD'");
                s.execute("SET extra_float_digits = 3");
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                        .copyOut("COPY (SELECT " + columns + " FROM \"" + table + "\" ORDER BY " + orderBy + ") TO STDOUT", out);
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    boolean bucketExists(String bucket) throws Exception {
        return s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    }

    StatObjectResponse stat(String bucket, String key) throws Exception {
        try {
            return s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
            return null;
        }
    }

    String sha256(String bucket, String key) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(s3.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A summary of every Target store, to prove "unchanged" by comparing two snapshots. */
    Map<String, Object> snapshot() throws Exception {
        TreeSet<String> tables = new TreeSet<>();
        for (String table : SampleBundle.TABLES) {
            tables.add(table + "=" + rows(table));
        }
        return Map.of("realm", realmExists(), "fgaStores", fgaStores().size(), "tables", tables.toString(),
                "documentsBucket", bucketExists(t.documentsBucket), "bannersBucket", bucketExists(t.sample.bannersBucket));
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
