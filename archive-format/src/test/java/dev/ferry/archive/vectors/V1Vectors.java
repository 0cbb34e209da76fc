package dev.ferry.archive.vectors;

import dev.ferry.archive.TestKeys;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The version 1 test vectors: where they live, the throwaway keys, every entry's content, and how the bundle is
 * sealed from them. The entries are synthetic but shaped like the exporter's (docs/bundle-contents.md); their bytes
 * are fixed here, so a test can check that a reader gives them back exactly.
 */
final class V1Vectors {
    static final String BUNDLE = "kea-vectors.ferry";
    static final String SIGNER = "signer";
    static final String RECIPIENT = "recipient";
    /** The smallest volume the format allows: 6 006-byte chunks, so a 50 000-byte object spans two parts. */
    static final long VOLUME = 64 << 10;
    /** Two lanes per store at most: the objects store uses both. */
    static final int PARALLELISM = 2;
    static final String LARGE_OBJECT = "objects/1/000001";
    static final String BUCKETS = "buckets.json";

    /** One entry: its store, path, exact bytes, counts and metadata. */
    record Entry(String store, String path, byte[] content, Map<String, Long> counts, Map<String, Object> metadata) {
        String sha256() {
            return Hex.lower(CountingDigestOutputStream.sha256().digest(content));
        }
    }

    private V1Vectors() {
    }

    /** The module directory: Maven runs tests there and sets {@code basedir}. */
    static Path module() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** The committed vectors: the bundle directory with the four key files beside it. */
    static Path directory() {
        return module().resolve("src/test/resources/vectors/v1");
    }

    static Path spec() {
        return module().resolveSibling("docs").resolve("archive-format.md");
    }

    static Path bundle(Path directory) {
        return directory.resolve(BUNDLE);
    }

    /** The keys beside the bundle. They are unprotected and public: they protect nothing and must never be used for data. */
    static TestKeys keys(Path directory) {
        return new TestKeys(directory, files(directory, SIGNER), files(directory, RECIPIENT));
    }

    private static KeyGenerator.Generated files(Path directory, String name) {
        Path pub = directory.resolve(name + ".pub.asc");
        Path sec = directory.resolve(name + ".sec.asc");
        if (name.equals(SIGNER)) {
            var key = KeyFiles.signer(pub);
            return new KeyGenerator.Generated(pub, sec, key.fingerprint(), key.userId());
        }
        var key = KeyFiles.recipient(pub);
        return new KeyGenerator.Generated(pub, sec, key.fingerprint(), key.userId());
    }

    /** Makes the throwaway keys, unless they are there already. */
    static TestKeys keysCreatingThem(Path directory) {
        for (String name : List.of(SIGNER, RECIPIENT)) {
            if (!Files.exists(directory.resolve(name + ".pub.asc"))) {
                KeyGenerator.generate(directory, name, "Ferry test-vector " + name + " <" + name + "@vectors.invalid>",
                        KeyGenerator.Algorithm.ED25519, new char[0]);
            }
        }
        return keys(directory);
    }

    /**
     * Seals the entries into {@code bundle}: postgres, keycloak and openfga one lane each, then objects in two lanes:
     * the large object is opened first (lane 1), the small ones are written while it is still open (so they take
     * lane 2), and buckets.json after it (lane 1 again).
     */
    static Manifest seal(Path bundle, TestKeys keys) throws IOException {
        try (BundleWriter writer = BundleWriter.create(bundle,
                new SealingOptions(List.of(keys.recipient()), keys.signing(), VOLUME, "kea test vectors", PARALLELISM))) {
            writer.note("opensearch", "not carried: re-vectorize on the Target (runbook §1.5)");
            writer.note("source-kind", "kea");
            for (String store : List.of("postgres", "keycloak", "openfga")) {
                try (StoreWriter out = writer.openStore(store)) {
                    for (Entry e : entries(store)) {
                        write(out, e);
                    }
                }
            }
            try (StoreWriter out = writer.openStore("objects")) {
                Entry large = entry("objects", LARGE_OBJECT);
                EntryOutputStream first = out.newEntry(large.path());
                try {
                    for (Entry e : entries("objects")) {
                        if (!e.path().equals(LARGE_OBJECT) && !e.path().equals(BUCKETS)) {
                            write(out, e);
                        }
                    }
                    describe(first, large);
                    first.write(large.content());
                } finally {
                    first.close();
                }
                write(out, entry("objects", BUCKETS));
            }
            return writer.finish();
        }
    }

    private static void write(StoreWriter store, Entry e) throws IOException {
        try (EntryOutputStream out = store.newEntry(e.path())) {
            describe(out, e);
            out.write(e.content());
        }
    }

    private static void describe(EntryOutputStream out, Entry e) {
        e.counts().forEach(out::count);
        e.metadata().forEach(out::metadata);
    }

    static Entry entry(String store, String path) {
        return entries(store).stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no vector entry " + store + "/" + path));
    }

    /** Every entry of every store, in the order {@link #seal} writes them within a lane. */
    static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (String store : List.of("postgres", "keycloak", "openfga", "objects")) {
            all.addAll(entries(store));
        }
        return all;
    }

    static List<Entry> entries(String store) {
        return switch (store) {
            case "postgres" -> postgres();
            case "keycloak" -> keycloak();
            case "openfga" -> openfga();
            case "objects" -> objects();
            default -> throw new IllegalArgumentException(store);
        };
    }

    private static List<Entry> postgres() {
        String agents = "1\tResearch assistant\t2026-11-20 09:00:00+00\n"
                + "2\tContract reviewer\t2026-11-21 10:30:00+00\n"
                + "3\tMeeting summarizer\t2026-11-22 14:45:00+00\n";
        StringBuilder chunks = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            chunks.append(i).append('\t').append("doc-").append(String.format("%04d", (i - 1) / 10 + 1)).append('\t')
                    .append("chunk ").append((i - 1) % 10 + 1).append(" of a synthetic document\n");
        }
        String schema = "{\"database\":\"fred\",\"snapshot\":\"REPEATABLE READ\",\"tables\":[\"agent\",\"document_chunk\",\"tag\"]}\n";
        return List.of(
                new Entry("postgres", "tables/agent.copy", utf8(agents), Map.of("rows:agent", 3L), Map.of("table", "agent")),
                new Entry("postgres", "tables/document_chunk.copy", utf8(chunks.toString()), Map.of("rows:document_chunk", 400L),
                        Map.of("table", "document_chunk")),
                new Entry("postgres", "tables/tag.copy", new byte[0], Map.of("rows:tag", 0L), Map.of("table", "tag")),
                new Entry("postgres", "schema.json", utf8(schema), Map.of(), Map.of()));
    }

    private static List<Entry> keycloak() {
        String realm = "{\"realm\":\"kea\",\"enabled\":true,\"groups\":[{\"name\":\"team-1\"},{\"name\":\"team-2\"}],"
                + "\"clients\":[{\"clientId\":\"fred-app\",\"secret\":\"not-a-real-secret\"}],"
                + "\"roles\":{\"realm\":[{\"name\":\"admin\"},{\"name\":\"editor\"},{\"name\":\"viewer\"}]}}\n";
        String users = "{\"id\":\"0b6f6f0e-7c1e-4c55-9d4e-000000000001\",\"username\":\"alice\",\"groups\":[\"/team-1\"]}\n"
                + "{\"id\":\"0b6f6f0e-7c1e-4c55-9d4e-000000000002\",\"username\":\"bob\",\"groups\":[\"/team-2\"]}\n";
        return List.of(
                new Entry("keycloak", "realm.json", utf8(realm), Map.of("groups", 2L, "clients", 1L, "roles", 3L), Map.of()),
                new Entry("keycloak", "users.jsonl", utf8(users), Map.of("users", 2L, "memberships", 2L), Map.of()));
    }

    private static List<Entry> openfga() {
        String models = "{\"storeName\":\"kea\",\"latestModelId\":\"01JVECTORS0000000000000000\",\"models\":[{\"id\":"
                + "\"01JVECTORS0000000000000000\",\"schema_version\":\"1.1\",\"type_definitions\":[{\"type\":\"user\"},{\"type\":\"team\"}]}]}\n";
        List<String[]> tuples = List.of(
                new String[] {"user:0b6f6f0e-7c1e-4c55-9d4e-000000000001", "member", "team:team-1"},
                new String[] {"user:0b6f6f0e-7c1e-4c55-9d4e-000000000002", "member", "team:team-2"},
                new String[] {"team:team-1#member", "viewer", "team:team-2"});
        StringBuilder lines = new StringBuilder();
        List<String> fingerprintLines = new ArrayList<>();
        for (String[] t : tuples) {
            lines.append("{\"user\":\"").append(t[0]).append("\",\"relation\":\"").append(t[1]).append("\",\"object\":\"").append(t[2])
                    .append("\",\"condition\":null,\"timestamp\":\"2026-11-24T08:00:00Z\"}\n");
            fingerprintLines.add(t[2] + "#" + t[1] + "@" + t[0] + "\n");
        }
        // The tuple-set fingerprint as docs/bundle-contents.md defines it: SHA-256 of the sorted lines.
        StringBuilder sorted = new StringBuilder();
        fingerprintLines.stream().sorted().forEach(sorted::append);
        String fingerprint = Hex.lower(CountingDigestOutputStream.sha256().digest(utf8(sorted.toString())));
        return List.of(
                new Entry("openfga", "models.json", utf8(models), Map.of("models", 1L), Map.of()),
                new Entry("openfga", "tuples.jsonl", utf8(lines.toString()), Map.of("tuples", 3L, "tuples:username-form", 0L),
                        Map.of("fingerprint", fingerprint)));
    }

    private static List<Entry> objects() {
        byte[] pdf = new byte[50_000];
        new Random(20261124).nextBytes(pdf); // incompressible, like the documents object storage mostly holds
        byte[] notes = utf8("# Meeting notes\n\nA short synthetic document, stored as the second object of bucket 1.\n");
        String buckets = "{\"buckets\":[{\"index\":1,\"name\":\"kea-documents\",\"objects\":3,\"bytes\":" + (pdf.length + notes.length)
                + "}],\"names\":[\"kea-documents\"],\"prefixes\":[]}\n";
        return List.of(
                new Entry("objects", LARGE_OBJECT, pdf, objectCounts(pdf.length),
                        objectMetadata("reports/annual-report.pdf", pdf.length, "application/pdf")),
                new Entry("objects", "objects/1/000002", notes, objectCounts(notes.length),
                        objectMetadata("notes/meeting.md", notes.length, "text/markdown")),
                new Entry("objects", "objects/1/000003", new byte[0], objectCounts(0), objectMetadata("reports/", 0, "application/x-directory")),
                new Entry("objects", BUCKETS, utf8(buckets), Map.of("buckets", 1L), Map.of()));
    }

    private static Map<String, Long> objectCounts(long size) {
        return Map.of("objects", 1L, "bytes", size, "objects:bucket-1", 1L);
    }

    private static Map<String, Object> objectMetadata(String key, long size, String contentType) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bucket", "kea-documents");
        m.put("key", key);
        m.put("size", size);
        m.put("contentType", contentType);
        m.put("userMetadata", new TreeMap<>());
        return m;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
