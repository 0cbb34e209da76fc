package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.tests.harness.PostgresEndpoint;
import io.minio.GetObjectArgs;
import io.minio.ListBucketsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the freeze load tests write to a store and read back from it, straight from the servers, shared by all three. */
final class StoreContents {
    private StoreContents() {
    }

    static boolean started(JsonNode journal, String step) {
        for (JsonNode s : journal.path("steps")) {
            if (s.path("name").asText().equals(step) && s.path("state").asText().equals("STARTED")) {
                return true;
            }
        }
        return false;
    }

    static Map<String, JsonNode> byStore(JsonNode summary) {
        Map<String, JsonNode> out = new TreeMap<>();
        summary.path("stores").forEach(s -> out.put(s.path("store").asText().toLowerCase(), s));
        return out;
    }

    static void put(MinioClient s3, String bucket, String key, byte[] body) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(body), body.length, -1)
                .contentType("application/pdf").build());
    }

    static void sql(PostgresEndpoint db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement()) {
            assertEquals(1, st.executeUpdate(statement), statement);
        }
    }

    /** A table's whole content as text, rows sorted: equal on both sides iff the rows are. */
    static String content(PostgresEndpoint db, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM \""
                        + table + "\" x")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every object of the buckets with the prefix: "bucket/key" → SHA-256 of the bytes served. */
    static Map<String, String> objects(MinioClient s3, String prefix) throws Exception {
        Map<String, String> all = new TreeMap<>();
        for (Bucket b : s3.listBuckets(ListBucketsArgs.builder().build())) {
            if (!b.name().startsWith(prefix + "-")) {
                continue;
            }
            for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(b.name()).recursive(true).build())) {
                Item i = r.get();
                if (i.isDir()) {
                    continue;
                }
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(b.name()).object(i.objectName()).build())) {
                    d.update(in.readAllBytes());
                }
                all.put(b.name() + "/" + i.objectName(), HexFormat.of().formatHex(d.digest()));
            }
        }
        return all;
    }

    /** Every tuple of a store, read page by page over HTTP. */
    static List<TupleRecord> tuples(String apiUrl, String storeId) throws Exception {
        List<TupleRecord> all = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = FgaHttp.post(apiUrl, "/stores/" + storeId + "/read", "{\"page_size\":100"
                    + (token.isEmpty() ? "" : ",\"continuation_token\":\"" + token + "\"") + "}");
            page.path("tuples").forEach(t -> all.add(TupleRecord.fromJson(t)));
            token = page.path("continuation_token").asText("");
        } while (!token.isEmpty());
        return all;
    }
}
