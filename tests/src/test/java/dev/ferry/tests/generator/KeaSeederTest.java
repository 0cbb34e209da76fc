package dev.ferry.tests.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientReadRequest;
import dev.openfga.sdk.api.client.model.ClientReadResponse;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientReadOptions;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Seeds the small profile into the harness's Source stores and reads it back through the production clients. Its
 * own database, realm, store and bucket prefix keep it apart from other tests sharing the stores; its own seed
 * keeps its Keycloak ids apart from other datasets in the same server.
 */
@ExtendWith(StoresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeaSeederTest {
    private static final long SEED = 0x5EEDL;
    private static final SeedNames NAMES = new SeedNames("generator-test", "generator-test", "gentest");

    private final KeaDataset dataset = KeaGenerator.generate(Profile.small(), SEED);
    private StoreSet source;

    @BeforeAll
    void seed(Stores stores) {
        PostgresEndpoint database = stores.createDatabase(Role.SOURCE, "generator_seed_test");
        StoreSet shared = stores.source();
        source = new StoreSet(shared.role(), database, shared.keycloak(), shared.openfga(), shared.s3());
        SeedReport report = KeaSeeder.seed(dataset, source, NAMES);
        System.out.println("[generator] small profile: " + report.summary());
    }

    @Test
    void everyTableHoldsItsRows() throws Exception {
        PostgresEndpoint pg = source.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement s = c.createStatement()) {
            for (Map.Entry<String, Integer> table : dataset.rowCounts().entrySet()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dataset.table(table.getKey()).quotedName())) {
                    rs.next();
                    assertEquals(table.getValue().intValue(), rs.getInt(1), table.getKey());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT payload_json::text FROM agent WHERE id = '__static_seeded__'")) {
                rs.next();
                assertEquals("{}", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM metadata WHERE cardinality(tag_ids) > 0 "
                    + "AND doc->'identity'->>'document_uid' = document_uid")) {
                rs.next();
                assertEquals(dataset.profile().documents(), rs.getInt(1));
            }
        }
    }

    @Test
    void realmHoldsUsersTeamsRolesAndCredentials() {
        try (Keycloak admin = Keycloak.getInstance(source.keycloak().url(), "master", source.keycloak().adminUser(),
                source.keycloak().adminPassword(), "admin-cli")) {
            RealmResource realm = admin.realm(NAMES.realm());
            assertEquals(dataset.users().size(), realm.users().count());
            assertEquals(dataset.teams().stream().map(KeaTeam::id).collect(Collectors.toSet()),
                    realm.groups().groups().stream().map(g -> g.getId()).collect(Collectors.toSet()));
            KeaUser first = dataset.users().get(0);
            UserRepresentation user = realm.users().get(first.id()).toRepresentation();
            assertEquals(first.username(), user.getUsername());
            assertEquals(first.attributes().get("department"), user.getAttributes().get("department"));
            assertEquals(List.of("admin"), realm.users().get(first.id()).roles().clientLevel(appClientId(realm))
                    .listAll().stream().map(r -> r.getName()).toList());
            assertEquals(Set.copyOf(first.teamIds()), realm.users().get(first.id()).groups().stream()
                    .map(g -> g.getId()).collect(Collectors.toSet()));
            for (KeaUser u : dataset.users()) {
                Set<String> types = realm.users().get(u.id()).credentials().stream()
                        .map(CredentialRepresentation::getType).collect(Collectors.toSet());
                Set<String> expected = new HashSet<>(Set.of("password"));
                if (u.hasTotp()) {
                    expected.add("otp");
                }
                if (u.webAuthn() != null) {
                    expected.add("webauthn");
                }
                assertEquals(expected, types, u.username());
            }
            assertTrue(dataset.users().stream().anyMatch(u -> u.webAuthn() != null), "the small profile has WebAuthn");
        }
    }

    @Test
    void usersLogInWithTheirPasswordAndTotp() throws Exception {
        KeaUser plain = dataset.users().stream().filter(u -> !u.hasTotp()).findFirst().orElseThrow();
        JsonNode token = login(plain, null);
        assertEquals(plain.id(), claims(token).path("sub").asText());
        assertTrue(claims(token).path("resource_access").path("app").path("roles").isArray());
        KeaUser withTotp = dataset.users().stream().filter(KeaUser::hasTotp).findFirst().orElseThrow();
        assertEquals(withTotp.id(), claims(login(withTotp, totp(withTotp.totpSecret()))).path("sub").asText());
    }

    @Test
    void storeHoldsEveryTupleUnderTheModel() throws Exception {
        OpenFgaClient client = new OpenFgaClient(new ClientConfiguration().apiUrl(source.openfga().apiUrl()));
        String storeId = client.listStores().get().getStores().stream()
                .filter(s -> s.getName().equals(NAMES.openFgaStore())).findFirst().orElseThrow().getId();
        client.setStoreId(storeId);
        Set<FgaTuple> read = new HashSet<>();
        String token = null;
        do {
            ClientReadResponse page = client.read(new ClientReadRequest(),
                    new ClientReadOptions().pageSize(100).continuationToken(token)).get();
            page.getTuples().forEach(t -> read.add(new FgaTuple(t.getKey().getUser(), t.getKey().getRelation(),
                    t.getKey().getObject())));
            token = page.getContinuationToken();
        } while (token != null && !token.isEmpty());
        assertEquals(Set.copyOf(dataset.tuples()), read);
        JsonNode model = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(
                client.readLatestAuthorizationModel().get().getAuthorizationModel()));
        assertEquals(KeaOpenFgaModel.tree().path("type_definitions").size(), model.path("type_definitions").size());
    }

    @Test
    void bucketsHoldEveryObjectWithItsBytes() throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint())
                .credentials(source.s3().accessKey(), source.s3().secretKey()).build();
        for (KeaBucket bucket : KeaBucket.values()) {
            Map<String, Long> listed = new java.util.HashMap<>();
            for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(bucket.bucketName(NAMES.bucketPrefix()))
                    .recursive(true).build())) {
                Item item = r.get();
                listed.put(item.objectName(), item.size());
            }
            assertEquals(dataset.objectsIn(bucket).stream().collect(Collectors.toMap(ObjectSpec::key, ObjectSpec::size)),
                    listed, bucket.name());
        }
        ObjectSpec large = dataset.objects().stream().filter(o -> o.size() > dataset.profile().volumeSize())
                .findFirst().orElseThrow();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(large.bucket().bucketName(NAMES.bucketPrefix()))
                .object(large.key()).build())) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        assertEquals(ObjectContent.sha256(large), HexFormat.of().formatHex(sha.digest()));
        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder()
                .bucket(large.bucket().bucketName(NAMES.bucketPrefix())).object(large.key()).build());
        assertEquals("application/pdf", stat.contentType());
        assertEquals(large.userMetadata().get("document-uid"), stat.userMetadata().get("document-uid"));
    }

    private static String appClientId(RealmResource realm) {
        return realm.clients().findByClientId("app").get(0).getId();
    }

    private JsonNode login(KeaUser user, String totp) throws Exception {
        String form = "grant_type=password&client_id=app&scope=openid&username=" + enc(user.username()) + "&password="
                + enc(user.password()) + (totp == null ? "" : "&totp=" + totp);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                source.keycloak().url() + "/realms/" + NAMES.realm() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    private static JsonNode claims(JsonNode token) throws Exception {
        String payload = token.path("access_token").asText().split("\\.")[1];
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload));
    }

    /** Keycloak's TOTP: HMAC-SHA1 over the raw secret string's bytes, 30 s steps, 6 digits. */
    private static String totp(String secret) throws Exception {
        long step = System.currentTimeMillis() / 1000 / 30;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
        int offset = h[h.length - 1] & 0xf;
        int code = ((h[offset] & 0x7f) << 24 | (h[offset + 1] & 0xff) << 16 | (h[offset + 2] & 0xff) << 8
                | (h[offset + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", code);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
