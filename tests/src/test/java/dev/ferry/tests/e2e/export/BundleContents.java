package dev.ferry.tests.e2e.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.BundleEntry;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerifiedBundle;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bundle read back through the archive reader, after full verification: what a test checks against the generator's
 * dataset. Nothing here comes from the exporter's own counters; object hashes are recomputed from the bytes.
 */
final class BundleContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An object as found in the bundle: where it came from and the SHA-256 of the bytes actually read. */
    record CarriedObject(String bucket, String key, long size, String sha256, String contentType, JsonNode userMetadata,
            String change) {
    }

    final VerifiedBundle bundle;
    final Map<String, List<String>> copyLines = new ConcurrentHashMap<>();
    JsonNode schema;
    JsonNode realm;
    final List<JsonNode> users = new ArrayList<>();
    JsonNode offlineExport;
    JsonNode crosscheck;
    /** keycloak/left-out.json: the values the export left out (written on every Keycloak export). */
    JsonNode leftOut;
    JsonNode models;
    final List<JsonNode> tuples = new ArrayList<>();
    String tupleFingerprint;
    JsonNode buckets;
    final List<CarriedObject> objects = new ArrayList<>();
    /** A delta's catalog.jsonl and deleted.jsonl, line by line; null when the bundle has none. */
    List<JsonNode> catalog;
    List<JsonNode> deleted;

    private BundleContents(VerifiedBundle bundle) {
        this.bundle = bundle;
    }

    static BundleContents read(Path bundleDir, ExportFixture.Keys keys) {
        BundleContents c = new BundleContents(BundleVerifier.verify(bundleDir, keys.signerPublic(), keys.decryption()));
        for (String store : c.bundle.stores()) {
            c.bundle.read(store, 1, c::accept);
        }
        return c;
    }

    private void accept(BundleEntry e) throws Exception {
        String path = e.path();
        switch (e.store()) {
            case "postgres" -> {
                if (path.equals("schema.json")) {
                    schema = json(e);
                } else if (path.startsWith("tables/") && path.endsWith(".copy")) {
                    copyLines.put(path.substring("tables/".length(), path.length() - ".copy".length()), lines(e));
                }
            }
            case "keycloak" -> {
                switch (path) {
                    case "realm.json" -> realm = json(e);
                    case "users.jsonl" -> lines(e).forEach(l -> users.add(parse(l)));
                    case "offline-export.json" -> offlineExport = json(e);
                    case "crosscheck.json" -> crosscheck = json(e);
                    case "left-out.json" -> leftOut = json(e);
                    default -> throw new AssertionError("unexpected keycloak entry " + path);
                }
            }
            case "openfga" -> {
                if (path.equals("models.json")) {
                    models = json(e);
                } else if (path.equals("tuples.jsonl")) {
                    tupleFingerprint = e.metadata().path("fingerprint").asText();
                    lines(e).forEach(l -> tuples.add(parse(l)));
                }
            }
            case "objects" -> {
                if (path.equals("buckets.json")) {
                    buckets = json(e);
                } else if (path.equals("catalog.jsonl")) {
                    catalog = new ArrayList<>();
                    lines(e).forEach(l -> catalog.add(parse(l)));
                } else if (path.equals("deleted.jsonl")) {
                    deleted = new ArrayList<>();
                    lines(e).forEach(l -> deleted.add(parse(l)));
                } else {
                    MessageDigest d = MessageDigest.getInstance("SHA-256");
                    long size = 0;
                    try (InputStream in = e.open()) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) >= 0;) {
                            d.update(buf, 0, n);
                            size += n;
                        }
                    }
                    JsonNode m = e.metadata();
                    objects.add(new CarriedObject(m.path("bucket").asText(), m.path("key").asText(), size,
                            HexFormat.of().formatHex(d.digest()), m.path("contentType").asText(null), m.path("userMetadata"),
                            m.path("change").asText(null)));
                }
            }
            default -> throw new AssertionError("unexpected store " + e.store());
        }
    }

    private static JsonNode json(BundleEntry e) throws Exception {
        try (InputStream in = e.open()) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception ex) {
            throw new AssertionError("not JSON: " + line, ex);
        }
    }

    private static List<String> lines(BundleEntry e) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(e.open(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null;) {
                lines.add(l);
            }
        }
        return lines;
    }
}
