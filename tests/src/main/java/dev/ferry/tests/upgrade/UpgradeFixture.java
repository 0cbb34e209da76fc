package dev.ferry.tests.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.config.KeycloakConfig;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Target shaped for chapter 2, seeded from a swift fixture directory ({@code swift/rehearsal} or
 * {@code swift/worked-example}): kea's database, realm, OpenFGA store and buckets as chapter 1 leaves them, and swift's
 * empty database (swift-schema.sql, as its Alembic leaves it) and store (swift-model.json, as swift writes it at
 * start-up). Names carry a suffix so fixtures share the harness's servers. Writes upgrade.yaml with ${file:} secrets.
 */
public final class UpgradeFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String suffix;
    public final String realm;
    public final PostgresEndpoint keaDb;
    public final PostgresEndpoint swiftDb;
    public final String keaStore;
    public final String swiftStore;
    public final Path config;
    public final Path stateDir;
    public final StoreSet target;
    /** fixture bucket → the suffixed kea bucket seeded here */
    public final Map<String, String> keaBuckets = new java.util.LinkedHashMap<>();

    public UpgradeFixture(Stores stores, String fixture, String suffix, Path dir) throws Exception {
        this.suffix = suffix;
        this.target = stores.target();
        this.realm = "app_" + suffix;
        this.keaStore = "kea-" + suffix;
        this.swiftStore = "fred-" + suffix;
        String base = "/swift/" + fixture + "/kea/";
        this.keaDb = stores.createDatabase(Role.TARGET, "kea_" + suffix);
        for (String t : List.of("tag", "metadata", "resource", "teammetadata", "users", "agent")) {
            insertJsonLines(keaDb, t, resource(base + t + ".jsonl"));
        }
        this.swiftDb = createSwiftDatabase(target.postgres(), "swift_" + suffix);
        JsonNode objects = json(base + "objects.json");
        for (JsonNode o : objects) {
            keaBuckets.computeIfAbsent(o.path("bucket").asText(), b -> b + "-" + suffix);
        }
        this.stateDir = dir.resolve("state");
        this.config = writeConfig(dir, swiftDb, swiftStore, stateDir, Map.of());
        UpgradeConfig cfg = UpgradeConfig.load(config);
        seedRealm(json(base + "keycloak.json"), cfg.keycloak());
        OpenFgaStoreClient kea = store(keaStore, modelOf("/dev/ferry/tests/generator/kea-openfga-model.json"));
        List<TupleRecord> batch = new ArrayList<>();
        for (JsonNode t : json(base + "tuples.json")) {
            batch.add(new TupleRecord(t.path("user").asText(), t.path("relation").asText(), t.path("object").asText(), null, null));
            if (batch.size() == 100) {
                kea.write(batch, null);
                batch.clear();
            }
        }
        if (!batch.isEmpty() && !kea.write(batch, null)) {
            throw new IllegalStateException("kea's model refuses the fixture's tuples");
        }
        store(swiftStore, modelOf("/swift/swift-model.json"));
        ObjectStoreClient s3 = new ObjectStoreClient(cfg.objects().connection());
        for (JsonNode o : objects) {
            String bucket = keaBuckets.get(o.path("bucket").asText());
            if (!s3.bucketExists(bucket)) {
                s3.makeBucket(bucket);
            }
            byte[] body = content(o.path("key").asText());
            s3.put(bucket, o.path("key").asText(), new ByteArrayInputStream(body), body.length, "application/octet-stream", Map.of());
        }
    }
    /**
     * Removes the fixture's realm: Keycloak ids are unique across realms, and the fixtures reuse §7's subs and group
     * ids, so two fixtures cannot live in one Keycloak at once.
     */
    @Override
    public void close() {
        KeycloakConfig kc = UpgradeConfig.load(config).keycloak();
        try (KeycloakClient client = KeycloakClient.open(kc)) {
            client.realm().remove();
        }
    }

    /** An object's made-up bytes: deterministic, distinct per key. */
    public static byte[] content(String key) {
        return ("fixture object " + key + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
    }

    public PostgresEndpoint keaDatabase() {
        return keaDb;
    }

    /**
     * A second, empty swift side beside the fixture's own (database, OpenFGA store, buckets and state dir, all named
     * with {@code name}), reading the same kea: for comparing two upgrade runs of one kea.
     */
    public record SwiftSide(Path config, PostgresEndpoint database, String store, Map<String, String> buckets) {
    }

    public SwiftSide freshSwift(String name, Path dir) throws Exception {
        Files.createDirectories(dir);
        PostgresEndpoint db = createSwiftDatabase(target.postgres(), "swift_" + suffix + "_" + name);
        String store = swiftStore + "-" + name;
        store(store, modelOf("/swift/swift-model.json"));
        Map<String, String> buckets = new java.util.LinkedHashMap<>();
        keaBuckets.values().forEach(b -> buckets.put(b, b.substring("kea-".length()) + "-" + name));
        return new SwiftSide(writeConfig(dir, db, store, dir.resolve("state"), buckets), db, store, buckets);
    }

    /**
     * Makes kea big enough for a run to be caught in the middle of each step: {@code documents} more metadata rows
     * (copies of the first one under new uids), {@code tuples} {@code tag parent document} tuples on them, and {@code objects} objects
     * of {@code objectBytes} each in the first kea bucket.
     */
    public void grow(int documents, int tuples, int objects, int objectBytes) throws Exception {
        try (Connection c = DriverManager.getConnection(keaDb.jdbcUrl(), keaDb.user(), keaDb.password()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO metadata SELECT (jsonb_populate_record(NULL::metadata, to_jsonb(m) || jsonb_build_object('document_uid', "
                    + "'bulk' || lpad(g::text, 8, '0')))).* FROM metadata m, generate_series(1, " + documents + ") g "
                    + "WHERE m.document_uid = (SELECT min(document_uid) FROM metadata)");
        }
        UpgradeConfig cfg = UpgradeConfig.load(config);
        OpenFgaStoreClient kea = OpenFgaStoreClient.connect(cfg.kea().openfga());
        String tag;
        try (Connection c = DriverManager.getConnection(keaDb.jdbcUrl(), keaDb.user(), keaDb.password()); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT min(tag_id) FROM tag")) {
            rs.next();
            tag = rs.getString(1);
        }
        List<TupleRecord> batch = new ArrayList<>();
        for (int i = 1; i <= tuples; i++) {
            batch.add(new TupleRecord("tag:" + tag, "parent", "document:bulk" + String.format("%08d", i), null, null));
            if (batch.size() == 100 || i == tuples) {
                if (!kea.write(batch, null)) {
                    throw new IllegalStateException("kea's model refuses the bulk tuples");
                }
                batch.clear();
            }
        }
        ObjectStoreClient s3 = new ObjectStoreClient(cfg.objects().connection());
        String bucket = keaBuckets.values().iterator().next();
        byte[] body = new byte[objectBytes];
        for (int i = 0; i < objects; i++) {
            new java.util.Random(i).nextBytes(body);
            s3.put(bucket, "bulk/" + i + "/input/large.bin", new ByteArrayInputStream(body), body.length, "application/octet-stream", Map.of());
        }
    }

    private Path writeConfig(Path dir, PostgresEndpoint swiftDb, String swiftStore, Path stateDir, Map<String, String> bucketMap) throws IOException {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.createDirectories(stateDir);
        Files.writeString(secrets.resolve("kea-pg"), keaDb.password());
        Files.writeString(secrets.resolve("swift-pg"), swiftDb.password());
        Files.writeString(secrets.resolve("kc"), target.keycloak().adminPassword());
        Files.writeString(secrets.resolve("s3-access"), target.s3().accessKey());
        Files.writeString(secrets.resolve("s3-secret"), target.s3().secretKey());
        StringBuilder buckets = new StringBuilder();
        keaBuckets.values().forEach(b -> buckets.append("    - ").append(b).append('\n'));
        if (!bucketMap.isEmpty()) {
            buckets.append("  bucketMap:\n");
            bucketMap.forEach((k, v) -> buckets.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        Path file = dir.resolve("upgrade.yaml");
        Files.writeString(file, """
                stateDir: %s
                kea:
                  postgres:
                    url: %s
                    user: %s
                    password: ${file:%s}
                  openfga:
                    apiUrl: %s
                    store:
                      name: %s
                swift:
                  postgres:
                    url: %s
                    user: %s
                    password: ${file:%s}
                  openfga:
                    apiUrl: %s
                    store:
                      name: %s
                keycloak:
                  url: %s
                  realm: %s
                  auth:
                    username: %s
                    password: ${file:%s}
                objects:
                  endpoint: %s
                  accessKey: ${file:%s}
                  secretKey: ${file:%s}
                  buckets:
                %s""".formatted(stateDir, keaDb.jdbcUrl(), keaDb.user(), secrets.resolve("kea-pg"), target.openfga().apiUrl(), keaStore,
                swiftDb.jdbcUrl(), swiftDb.user(), secrets.resolve("swift-pg"), target.openfga().apiUrl(), swiftStore,
                target.keycloak().url(), realm, target.keycloak().adminUser(), secrets.resolve("kc"), target.s3().endpoint(),
                secrets.resolve("s3-access"), secrets.resolve("s3-secret"), buckets));
        return file;
    }

    private OpenFgaStoreClient store(String name, JsonNode model) {
        OpenFgaStoreClient c = OpenFgaStoreClient.unbound(new OpenFgaConfig(target.openfga().apiUrl(), new OpenFgaConfig.StoreRef(null, name), null));
        c.useStore(c.createStore(name), name);
        c.writeModel(model);
        return c;
    }

    private static JsonNode modelOf(String resource) {
        return json(resource);
    }

    private void seedRealm(JsonNode kc, KeycloakConfig target) {
        ObjectNode realm = JSON.createObjectNode().put("realm", this.realm).put("enabled", true);
        realm.putArray("clients").addObject().put("clientId", "app").put("publicClient", true);
        ArrayNode roles = realm.putObject("roles").putObject("client").putArray("app");
        kc.path("appClientRoles").fieldNames().forEachRemaining(r -> roles.addObject().put("name", r));
        Map<String, String> groupPaths = new java.util.HashMap<>();
        ArrayNode groups = realm.putArray("groups");
        for (JsonNode g : kc.path("groups")) {
            groups.addObject().put("id", g.path("id").asText()).put("name", g.path("name").asText()).put("path", "/" + g.path("name").asText());
            groupPaths.put(g.path("id").asText(), "/" + g.path("name").asText());
        }
        ArrayNode users = realm.putArray("users");
        for (JsonNode u : kc.path("users")) {
            String id = u.path("id").asText();
            ObjectNode user = users.addObject().put("id", id).put("username", u.path("username").asText()).put("enabled", true);
            ArrayNode memberOf = user.putArray("groups");
            for (JsonNode g : kc.path("groups")) {
                for (JsonNode m : g.path("members")) {
                    if (m.asText().equals(id)) {
                        memberOf.add(groupPaths.get(g.path("id").asText()));
                    }
                }
            }
            ArrayNode appRoles = user.putObject("clientRoles").putArray("app");
            for (Iterator<Map.Entry<String, JsonNode>> it = kc.path("appClientRoles").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> r = it.next();
                for (JsonNode holder : r.getValue()) {
                    if (holder.asText().equals(id)) {
                        appRoles.add(r.getKey());
                    }
                }
            }
        }
        KeycloakConfig admin = new KeycloakConfig(target.url(), "master", target.auth());
        try (KeycloakClient client = KeycloakClient.open(admin)) {
            client.post("/admin/realms", realm).require("create realm " + this.realm);
        }
    }

    public static PostgresEndpoint createSwiftDatabase(PostgresEndpoint admin, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        PostgresEndpoint db = admin.withDatabase(name);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
            s.execute(text("/swift/swift-schema.sql"));
        }
        return db;
    }

    /** Inserts JSON lines through jsonb_populate_record, so PostgreSQL itself parses every type (arrays, enums, timestamps). */
    static void insertJsonLines(PostgresEndpoint db, String table, String lines) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            for (String line : lines.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                List<String> cols = new ArrayList<>();
                row.fieldNames().forEachRemaining(f -> cols.add("\"" + f + "\""));
                String list = String.join(", ", cols);
                try (PreparedStatement st = c.prepareStatement("INSERT INTO \"" + table + "\" (" + list + ") SELECT " + list
                        + " FROM jsonb_populate_record(NULL::\"" + table + "\", CAST(? AS jsonb))")) {
                    st.setString(1, line);
                    st.executeUpdate();
                }
            }
        }
    }

    public static String text(String resource) {
        try (InputStream in = UpgradeFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String r) {
        return text(r);
    }

    public static JsonNode json(String resource) {
        try {
            return JSON.readTree(text(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
