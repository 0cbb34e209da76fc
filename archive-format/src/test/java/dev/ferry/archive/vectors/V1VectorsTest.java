package dev.ferry.archive.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.Gpg;
import dev.ferry.archive.TestKeys;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.IndexRecord;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.archive.read.VerifiedBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed version 1 test vectors, read as they are: Ferry's verification accepts them with and without the
 * key and gives back every entry byte for byte; they still exercise what the spec says they do; stock gpg, zstd, tar
 * and sha256sum check them with the spec's own commands; and the spec lists them as they are.
 */
class V1VectorsTest {
    static Path directory;
    static Path bundle;
    static TestKeys keys;
    static List<PartIndexes.Part> parts;

    @BeforeAll
    static void load() throws IOException {
        directory = V1Vectors.directory();
        bundle = V1Vectors.bundle(directory);
        assertTrue(Files.isDirectory(bundle), bundle + " is missing: make it with mvn -B -pl archive-format test -Dtest=RegenerateV1Vectors");
        keys = V1Vectors.keys(directory);
        parts = PartIndexes.read(bundle, keys);
    }

    private static String key(String store, String path) {
        return store + "/" + path;
    }

    @Test
    void theCourierCheckAcceptsTheVectorsAsCommitted() {
        VerificationReport report = BundleVerifier.verifySealed(bundle, keys.signer());
        assertEquals(List.of(), report.problems());
        assertFalse(report.decrypted());
        assertEquals(List.of("keycloak", "objects", "openfga", "postgres"), report.stores().stream().map(VerificationReport.StoreResult::store).toList());
        assertTrue(report.stores().stream().allMatch(VerificationReport.StoreResult::ok), report.stores().toString());
    }

    @Test
    void fullVerificationAcceptsThemAndGivesBackEveryEntryByteForByte() {
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        assertTrue(verified.report().ok());
        Map<String, byte[]> read = new ConcurrentHashMap<>();
        Map<String, IndexEntry> indexed = new HashMap<>();
        for (String store : verified.stores()) {
            verified.index(store).forEach(e -> indexed.put(key(store, e.path()), e));
            verified.read(store, V1Vectors.PARALLELISM, e -> {
                try (var in = e.open()) {
                    read.put(key(e.store(), e.path()), in.readAllBytes());
                }
            });
        }
        Map<String, V1Vectors.Entry> expected = V1Vectors.entries().stream().collect(Collectors.toMap(e -> key(e.store(), e.path()), e -> e));
        assertEquals(new TreeMap<>(expected).keySet(), new TreeMap<>(read).keySet(), "the entries read are the entries sealed");
        for (V1Vectors.Entry e : expected.values()) {
            String name = key(e.store(), e.path());
            assertArrayEquals(e.content(), read.get(name), name);
            IndexEntry index = indexed.get(name);
            assertEquals(e.content().length, index.size(), name);
            assertEquals(e.sha256(), index.sha256(), name);
            assertEquals(e.counts(), index.counts(), name);
            assertEquals(asJson(e.metadata()), index.metadata(), name);
        }
    }

    /** As it reads back from JSON (numbers as the smallest fitting type), for comparison with the index. */
    private static com.fasterxml.jackson.databind.JsonNode asJson(Object value) {
        try {
            return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the spec's test-vector section promises the bundle exercises, so a regeneration cannot quietly lose it. */
    @Test
    void theVectorsHoldWhatTheSpecSaysTheyExercise() throws IOException {
        Manifest manifest = PartIndexes.manifest(bundle);
        assertEquals(Set.of("postgres", "keycloak", "openfga", "objects"), manifest.stores().keySet(), "several stores");
        assertEquals(Set.of(1, 2), parts.stream().filter(p -> p.index().store().equals("objects")).map(p -> p.index().lane())
                .collect(Collectors.toSet()), "two lanes in store objects");
        List<IndexRecord> large = parts.stream().flatMap(p -> p.index().entries().stream())
                .filter(r -> r.path().equals(V1Vectors.LARGE_OBJECT)).toList();
        assertEquals(2, large.size(), "the large object spans two parts");
        assertFalse(large.get(0).complete());
        assertEquals(large.get(0).chunks().size(), large.get(1).firstChunk(), "its second part continues at the next chunk");
        assertEquals(9, large.get(0).chunks().size() + large.get(1).chunks().size(), "nine chunks in all");
        assertTrue(parts.stream().flatMap(p -> p.index().entries().stream()).anyMatch(r -> r.complete() && r.firstChunk() == 0 && r.chunks().size() == 3),
                "an entry of three chunks within one part");
        assertEquals(Set.of("postgres/tables/tag.copy", "objects/objects/1/000003"), V1Vectors.entries().stream().filter(e -> e.content().length == 0)
                .map(e -> key(e.store(), e.path())).collect(Collectors.toSet()), "two empty entries");
        long total = 0;
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
                if (f.getFileName().toString().endsWith(".gpg")) {
                    assertTrue(Files.size(f) <= V1Vectors.VOLUME, f + " is within the volume size");
                }
            }
        }
        assertTrue(total < 100 << 10, "the vectors stay small: " + total + " bytes");
        assertEquals(keys.signer().fingerprint(), keys.signing().fingerprint(), "the secret keys open without a passphrase");
    }

    @Test
    void stockGpgZstdTarAndSha256sumCheckThemWithTheSpecsCommands(@TempDir Path tmp) throws Exception {
        Path copy = copy(directory, tmp.resolve("v1"));
        Gpg gpg = new Gpg(tmp);
        try {
            Gpg.Result run = gpg.sh("cd '" + copy + "'\n" + VectorsDoc.SCRIPT).ok();
            String sums = Files.readString(bundle.resolve(FormatRules.SUMS), StandardCharsets.US_ASCII);
            assertEquals(VectorsDoc.expectedOutput(sums, parts), run.out());
            String good = "Good signature from \"" + keys.signer().userId() + "\"";
            assertEquals(2 + parts.size(), run.err().split(java.util.regex.Pattern.quote(good), -1).length - 1, run.err());
            assertFalse(run.err().contains("BAD signature"), run.err());
        } finally {
            gpg.close();
        }
    }

    /** gpg's machine-readable status: the pinned signer's fingerprint, SEIPD v1 with MDC and AES-256, for every signed file. */
    @Test
    void gpgNamesTheSignerAndTheCipherOfEveryPart(@TempDir Path tmp) throws Exception {
        String signer = keys.signer().fingerprint();
        Gpg gpg = new Gpg(tmp);
        try {
            gpg.gpg(null, "--import", directory.resolve("signer.pub.asc").toString(), directory.resolve("recipient.sec.asc").toString()).ok();
            for (String signed : List.of(FormatRules.MANIFEST, FormatRules.SUMS)) {
                Gpg.Result verify = gpg.gpg(null, "--status-fd", "2", "--verify", bundle.resolve(signed + ".sig").toString(),
                        bundle.resolve(signed).toString()).ok();
                assertTrue(verify.err().contains("[GNUPG:] VALIDSIG " + signer), verify.err());
            }
            for (PartIndexes.Part part : parts) {
                Gpg.Result decrypt = gpg.gpg(tmp.resolve("clear"), "--status-fd", "2", "--decrypt", bundle.resolve(part.info().file()).toString()).ok();
                assertTrue(decrypt.err().contains("[GNUPG:] VALIDSIG " + signer), decrypt.err());
                assertTrue(decrypt.err().contains("[GNUPG:] DECRYPTION_INFO 2 9"), "MDC (2) and AES-256 (9): " + decrypt.err());
                assertTrue(decrypt.err().contains("[GNUPG:] DECRYPTION_OKAY"), decrypt.err());
            }
        } finally {
            gpg.close();
        }
    }

    @Test
    void theSpecListsTheKeysTheManifestAndEveryIndexAsTheyAre() throws IOException {
        String listing = VectorsDoc.current(V1Vectors.spec());
        assertEquals(VectorsDoc.render(directory), listing, "docs/archive-format.md does not list the committed vectors as they are;"
                + " the listing is made with the vectors by mvn -B -pl archive-format test -Dtest=RegenerateV1Vectors");
        // The rendering itself is checked against the files: verbatim manifest and sums, indexes parsing to the same JSON.
        assertEquals(Files.readString(bundle.resolve(FormatRules.MANIFEST)) + "\n", block(listing, "#### `manifest.json`"));
        assertEquals(Files.readString(bundle.resolve(FormatRules.SUMS)), block(listing, "#### `SHA256SUMS`"));
        for (PartIndexes.Part part : parts) {
            String shown = block(listing, "#### `index.json` of part " + part.info().sequence() + ", `" + part.info().file() + "`");
            assertEquals(Json.MAPPER.readTree(part.indexBytes()), Json.MAPPER.readTree(shown), part.info().file());
        }
        assertTrue(listing.contains("`" + keys.signer().fingerprint() + "`"), "the signer's fingerprint");
        assertTrue(listing.contains("`" + keys.recipient().fingerprint() + "`"), "the recipient's fingerprint");
        assertFalse(listing.contains("…"), "nothing elided");
    }

    /** The text of the first fenced block after {@code heading}. */
    private static String block(String markdown, String heading) {
        int at = markdown.indexOf(heading + "\n");
        assertTrue(at >= 0, "the listing has a heading " + heading);
        int open = markdown.indexOf("```", at);
        int start = markdown.indexOf('\n', open) + 1;
        int close = markdown.indexOf("\n```\n", start - 1);
        return markdown.substring(start, close + 1);
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
