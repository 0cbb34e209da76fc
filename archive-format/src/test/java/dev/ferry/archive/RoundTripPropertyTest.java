package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.RecipientKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random trees of entries (empty, small, compressible, larger than a volume), random volume sizes, one to three
 * recipients, concurrent writers: every bundle verifies and reads back byte-identical, with its counts and metadata.
 * A fixed list of seeds plus two fresh ones; a failing seed is in the test's name, so it can be replayed.
 */
class RoundTripPropertyTest {
    @TempDir
    static Path keysDir;
    static TestKeys keys;
    static List<TestKeys> moreRecipients = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        keys = TestKeys.create(keysDir);
        for (int i = 0; i < 2; i++) {
            moreRecipients.add(TestKeys.create(keysDir, "s" + i, "r" + i, KeyGenerator.Algorithm.ED25519));
        }
    }

    static Stream<Long> seeds() {
        Random fresh = new Random();
        return Stream.concat(LongStream.rangeClosed(1, 8).boxed(), Stream.of(fresh.nextLong(), fresh.nextLong()));
    }

    record Spec(String store, String path, byte[] data, long rows, String label) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRandomBundleVerifiesAndRestoresByteIdentical(long seed) throws Exception {
        Random rnd = new Random(seed);
        // Up to 1.6 MiB: chunks then reach 64 KiB and more, where random data is stored in raw zstd frames.
        long volume = (64 << 10) + rnd.nextInt(1536 << 10);
        int parallelism = 1 + rnd.nextInt(3);
        List<TestKeys> recipients = new ArrayList<>(List.of(keys));
        for (int i = 0; i < rnd.nextInt(3); i++) {
            recipients.add(moreRecipients.get(i));
        }
        List<Spec> specs = new ArrayList<>();
        String[] stores = {"postgres", "keycloak", "openfga", "objects"};
        int storeCount = 1 + rnd.nextInt(3);
        for (int s = 0; s < storeCount; s++) {
            int entries = rnd.nextInt(10);
            for (int e = 0; e < entries; e++) {
                specs.add(new Spec(stores[s], "d" + rnd.nextInt(3) + "/e-" + e + (rnd.nextBoolean() ? ".jsonl" : ""), content(rnd, volume),
                        rnd.nextInt(1000), "label-" + rnd.nextInt(100)));
            }
        }
        Path bundle = tmp.resolve("p" + Long.toHexString(seed) + ".ferry");
        List<RecipientKey> recipientKeys = recipients.stream().map(TestKeys::recipient).toList();
        Manifest manifest;
        try (BundleWriter writer = BundleWriter.create(bundle, new SealingOptions(recipientKeys, keys.signing(), volume, "prop", parallelism))) {
            ExecutorService pool = Executors.newFixedThreadPool(parallelism);
            try {
                for (int s = 0; s < storeCount; s++) {
                    String store = stores[s];
                    try (StoreWriter w = writer.openStore(store)) {
                        List<Future<?>> done = new ArrayList<>();
                        for (Spec spec : specs.stream().filter(x -> x.store().equals(store)).toList()) {
                            done.add(pool.submit(() -> {
                                try (EntryOutputStream out = w.newEntry(spec.path())) {
                                    int off = 0;
                                    Random writes = new Random(spec.data().length);
                                    while (off < spec.data().length) {
                                        int n = Math.min(spec.data().length - off, 1 + writes.nextInt(70_000));
                                        out.write(spec.data(), off, n);
                                        off += n;
                                    }
                                    out.count("rows:" + store, spec.rows());
                                    out.metadata("label", spec.label());
                                }
                                return null;
                            }));
                        }
                        for (Future<?> f : done) {
                            f.get();
                        }
                    }
                }
            } finally {
                pool.shutdown();
            }
            manifest = writer.finish();
        }
        for (PartInfo part : manifest.parts()) {
            assertTrue(Files.size(bundle.resolve(part.file())) <= volume, part + " exceeds the volume size " + volume);
        }
        assertTrue(BundleVerifier.verifySealed(bundle, keys.signer()).ok());
        TestKeys reader = recipients.get(rnd.nextInt(recipients.size()));
        DecryptionKey decryption = reader.decryption();
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), decryption);
        Map<String, Spec> expected = new HashMap<>();
        specs.forEach(s -> expected.put(s.store() + "/" + s.path(), s));
        Map<String, String> restored = new ConcurrentHashMap<>();
        for (String store : verified.stores()) {
            List<IndexEntry> index = verified.index(store);
            assertEquals(specs.stream().filter(x -> x.store().equals(store)).count(), index.size());
            verified.read(store, 1 + rnd.nextInt(3), entry -> {
                Spec spec = expected.get(entry.store() + "/" + entry.path());
                assertEquals(Map.of("rows:" + store, spec.rows()), entry.counts());
                assertEquals(spec.label(), entry.metadata().get("label").asText());
                assertEquals(spec.data().length, entry.size());
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 + (int) (entry.size() % 9000)];
                try (var in = entry.open()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        md.update(buffer, 0, n);
                    }
                }
                restored.put(entry.store() + "/" + entry.path(), HexFormat.of().formatHex(md.digest()));
            });
            long rows = specs.stream().filter(x -> x.store().equals(store)).mapToLong(Spec::rows).sum();
            assertEquals(rows == 0 && index.isEmpty() ? Map.of() : Map.of("rows:" + store, rows),
                    new TreeMap<>(manifest.stores().get(store).counts()));
        }
        assertEquals(expected.size(), restored.size());
        for (var e : expected.entrySet()) {
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue().data())), restored.get(e.getKey()),
                    "content of " + e.getKey());
        }
    }

    private static byte[] content(Random rnd, long volume) {
        int kind = rnd.nextInt(6);
        int size = switch (kind) {
            case 0 -> 0;
            case 1 -> 1 + rnd.nextInt(100);
            case 2 -> rnd.nextInt(40_000);
            case 3 -> (int) (volume + rnd.nextInt((int) volume));
            default -> rnd.nextInt(150_000);
        };
        byte[] data = new byte[size];
        if (kind == 4) {
            byte[] row = ("{\"id\":" + rnd.nextInt() + ",\"name\":\"row\"}\n").getBytes();
            for (int i = 0; i < size; i++) {
                data[i] = row[i % row.length];
            }
        } else {
            rnd.nextBytes(data);
        }
        return data;
    }
}
