package dev.ferry.tests.e2e.load;

import dev.ferry.tests.e2e.fixture.DatabaseProbe;
import dev.ferry.tests.e2e.fixture.ExpectedTuples;
import dev.ferry.tests.e2e.fixture.OpenFgaProbe;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.harness.KeycloakEndpoint;
import dev.openfga.sdk.api.model.Store;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;

/** Reads the Target stores through their own client libraries, for the tests' assertions. */
final class TargetProbe implements AutoCloseable {
    private final TargetFixture t;
    private final Keycloak keycloak;
    private final MinioClient s3;
    private final OpenFgaProbe fga;
    private final DatabaseProbe db;

    TargetProbe(TargetFixture t) {
        this.t = t;
        KeycloakEndpoint kc = t.target.keycloak();
        this.keycloak = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli");
        this.s3 = MinioClient.builder().endpoint(t.target.s3().endpoint()).credentials(t.target.s3().accessKey(), t.target.s3().secretKey()).build();
        this.fga = new OpenFgaProbe(t.target.openfga().apiUrl());
        this.db = new DatabaseProbe(t.database);
    }

    boolean realmExists() {
        return keycloak.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(t.realm));
    }

    RealmResource realm() {
        return keycloak.realm(t.realm);
    }

    List<Store> fgaStores() throws Exception {
        return fga.stores(t.storeName);
    }

    /** Every tuple of the store, as "object#relation@user", sorted; duplicates would show as a smaller set than list. */
    List<String> tuples(String storeId) throws Exception {
        return ExpectedTuples.lines(fga.tuples(storeId));
    }

    long rows(String table) throws Exception {
        return db.rows(table);
    }

    void sql(String statement) throws Exception {
        db.sql(statement);
    }

    /** The table's content fingerprint, computed like {@link DatabaseProbe#fingerprint} does on the Source. */
    String fingerprint(String table) throws Exception {
        return db.fingerprint(table);
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
        Map<String, Object> s = new TreeMap<>();
        boolean realm = realmExists();
        s.put("realm", realm);
        s.put("realm users", realm ? realm().users().count() : 0);
        s.put("realm groups", realm ? realm().groups().count().get("count") : 0);
        s.put("fgaStores", fgaStores().size());
        for (String table : KeaDataset.CARRIED_TABLES) {
            s.put("table " + table, rows(table));
        }
        for (String bucket : t.targetBuckets()) {
            s.put("bucket " + bucket, bucketExists(bucket));
        }
        return s;
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
