package dev.ferry.tests.e2e.load;

import static dev.ferry.tests.e2e.load.LoadBenchmark.jar;
import static dev.ferry.tests.e2e.load.LoadBenchmark.java;
import static dev.ferry.tests.e2e.load.LoadBenchmark.require;
import static dev.ferry.tests.e2e.load.LoadBenchmark.run;
import static dev.ferry.tests.e2e.load.LoadBenchmark.settle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.e2e.load.LoadBenchmark.Timed;
import dev.ferry.tests.generator.KeaBucket;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The freeze benchmark of issue 12, run by hand through tests/bench/freeze-vs-full.sh (not a test: speed is never
 * asserted). In one run, on the runbook profile with {@code objectBytes} of objects (the "2 GiB bench deployment" of
 * importer/bench/load-vs-gpg.sh):
 * <ol>
 * <li>the full pass: {@code ferry-export run --live}, {@code ferry-import verify} (with the key), {@code load};
 * then its validate (untimed in the comparison: it records the hashes the freeze's validate relies on);</li>
 * <li>the window: about 2% of the objects rewritten, 1% deleted, a few rows and tuples changed;</li>
 * <li>the freeze pass: {@code ferry-export run --since}, verify, load and validate, every store (Keycloak synced as a
 * second load does it);</li>
 * <li>the freeze bundle's verify against {@code gpg --decrypt} of the same parts, interleaved (A B A B …), and, when
 * {@code -Dferry.bench.baselineImportJar} names an older ferry-import.jar, verify with that jar interleaved too, on
 * the freeze bundle and on the full bundle (the part-file hash before/after).</li>
 * </ol>
 * Every timed step is a child process started after {@code sync; sleep 5}. Prints the figures as Markdown tables.
 */
public final class FreezeBenchmark {
    private FreezeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long objectBytes = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String baseline = System.getProperty("ferry.bench.baselineImportJar", "").strip();
        Path work = Files.createTempDirectory("ferry-freeze-bench");
        try (Stores stores = Stores.start(HarnessOptions.defaults())) {
            System.out.println("stores: " + stores.describe());
            BenchSource bench = BenchSource.seed(stores, work, "fbench", "freeze benchmark", objectBytes);
            String exporter = jar("ferry.exporter.jar");
            String importer = jar("ferry.importer.jar");
            List<String> export = List.of("-Xmx1g", "-jar", exporter, "run", "--config", bench.sourceYaml().toString(), "--recipient",
                    bench.keys().recipientPublic().toString(), "--signing-key", bench.keys().signerSecret().toString(), "--json");
            Map<String, Timed> full = new LinkedHashMap<>();
            Map<String, Timed> freeze = new LinkedHashMap<>();

            // The full pass.
            settle();
            full.put("export", step(work, "full-export", concat(export, "--out", work.resolve("out1").toString(), "--live")));
            Path base = single(work.resolve("out1"));
            TargetFixture target = new TargetFixture(stores, bench.names().realm(), Map.of(), bench.keys(), base, work.resolve("target"));
            settle();
            full.put("verify", step(work, "full-verify", importer(importer, verifyArgs(base, bench.keys()))));
            settle();
            full.put("load", step(work, "full-load", importer(importer, target.loadArgs())));
            settle();
            Timed firstValidate = step(work, "full-validate", importer(importer, target.validateArgs()));

            // The window.
            Thread.sleep(1_500);
            String window = change(bench.dataset(), bench.source(), bench.names(), bench.db());
            System.out.println("window: " + window);

            // The freeze pass.
            settle();
            freeze.put("export", step(work, "freeze-export", concat(export, "--out", work.resolve("out2").toString(), "--since",
                    base.toString(), "--safety-margin", "0s")));
            Path delta = single(work.resolve("out2"));
            TargetFixture second = target.withBundle(delta);
            settle();
            freeze.put("verify", step(work, "freeze-verify", importer(importer, verifyArgs(delta, bench.keys()))));
            settle();
            freeze.put("load", step(work, "freeze-load", importer(importer, second.loadArgs())));
            settle();
            freeze.put("validate", step(work, "freeze-validate", importer(importer, second.validateArgs())));

            System.out.printf(Locale.ROOT, "%nobjects: %.1f MiB in %d objects; full bundle %.1f MiB, freeze bundle %.1f MiB%n",
                    bench.dataset().objectBytes() / 1048576.0, bench.dataset().objects().size(), mib(base), mib(delta));
            System.out.println("| step | full pass | freeze pass |");
            System.out.println("|---|---|---|");
            double fullTotal = 0;
            double freezeTotal = 0;
            for (String k : List.of("export", "verify", "load", "validate")) {
                Timed f = full.get(k);
                Timed z = freeze.get(k);
                fullTotal += f == null ? 0 : f.wall();
                freezeTotal += z.wall();
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f s (%.1f CPU-s) |%n", k,
                        f == null ? "(not in the full pass; its validate took " + String.format(Locale.ROOT, "%.1f s", firstValidate.wall()) + ")"
                                : String.format(Locale.ROOT, "%.1f s (%.1f CPU-s)", f.wall(), f.cpu()), z.wall(), z.cpu());
            }
            System.out.printf(Locale.ROOT, "| **total** | **%.1f s** | **%.1f s** |%n", fullTotal, freezeTotal);
            System.out.printf(Locale.ROOT, "freeze / full: %.1f%% (goal <= 10%%)%n", 100 * freezeTotal / fullTotal);

            exportBreakdown(work.resolve("full-export.log"), work.resolve("freeze-export.log"));

            interleaved(work, bench.keys(), importer, baseline, delta, "freeze bundle", pairs, true);
            if (!baseline.isEmpty()) {
                interleaved(work, bench.keys(), importer, baseline, base, "full bundle", pairs, false);
            }
        } finally {
            if (System.getProperty("ferry.bench.keep") == null) {
                new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
            } else {
                System.out.println("kept " + work);
            }
        }
    }

    /**
     * Verify against gpg --decrypt of the same parts (and against the baseline jar's verify), interleaved A B [C] A B
     * [C] …, each after {@code sync; sleep 5}, so the machine's noise falls on every side alike.
     */
    private static void interleaved(Path work, TestKeys keys, String importer, String baseline, Path bundle, String what, int pairs,
            boolean withGpg) throws Exception {
        Path gnupg = work.resolve("gnupg");
        if (!Files.isDirectory(gnupg)) {
            Files.createDirectories(gnupg);
            Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
            require(run(work.resolve("gpg-import.log"), Map.of("GNUPGHOME", gnupg.toString()), List.of("gpg", "--batch", "--import",
                    keys.recipientSecret().toString(), keys.signerPublic().toString())), "gpg --import", work.resolve("gpg-import.log"));
        }
        Map<String, List<Timed>> runs = new LinkedHashMap<>();
        for (int i = 0; i < pairs; i++) {
            settle();
            runs.computeIfAbsent("ferry-import verify (this build)", k -> new ArrayList<>())
                    .add(step(work, "verify-" + i, importer(importer, verifyArgs(bundle, keys))));
            if (withGpg) {
                settle();
                Path log = work.resolve("gpg-" + i + ".log");
                Timed gpg = run(log, Map.of("GNUPGHOME", gnupg.toString()), List.of("bash", "-c",
                        "set -euo pipefail; for p in \"$1\"/*.gpg; do gpg --batch --quiet --decrypt \"$p\" > /dev/null; done", "gpg", bundle.toString()));
                require(gpg, "gpg --decrypt", log);
                runs.computeIfAbsent("gpg --decrypt of every part", k -> new ArrayList<>()).add(gpg);
            }
            if (withGpg) {
                // The floor under any verify a JVM runs: the JVM's start alone, then with the CLI's classes.
                settle();
                runs.computeIfAbsent("JVM start alone (java -version)", k -> new ArrayList<>())
                        .add(step(work, "jvm-" + i, java("-Xmx256m", "-version")));
                settle();
                runs.computeIfAbsent("ferry-import --version (JVM and the CLI's start)", k -> new ArrayList<>())
                        .add(step(work, "version-" + i, importer(importer, List.of("--version"))));
            }
            if (!baseline.isEmpty()) {
                settle();
                runs.computeIfAbsent("ferry-import verify (baseline: hashes each part file)", k -> new ArrayList<>())
                        .add(step(work, "baseline-" + i, importer(baseline, verifyArgs(bundle, keys))));
            }
        }
        System.out.printf(Locale.ROOT, "%nverify of the %s (%.1f MiB), %d interleaved rounds:%n", what, mib(bundle), pairs);
        System.out.println("| side | median | min | max | median CPU-s | runs (s) |");
        System.out.println("|---|---|---|---|---|---|");
        runs.forEach((side, list) -> {
            List<Double> walls = list.stream().map(Timed::wall).sorted().toList();
            List<Double> cpus = list.stream().map(Timed::cpu).sorted().toList();
            System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f s | %.1f | %s |%n", side, median(walls), walls.get(0),
                    walls.get(walls.size() - 1), median(cpus), String.join(" ", list.stream().map(t -> String.format(Locale.ROOT, "%.2f", t.wall())).toList()));
        });
    }

    /**
     * Where each export spent its time, from its {@code --json} answer: each store's seconds, and what came after the
     * last store (the freeze guard, sealing, the exporter state).
     */
    private static void exportBreakdown(Path fullLog, Path freezeLog) throws Exception {
        JsonNode full = exportJson(fullLog);
        JsonNode freeze = exportJson(freezeLog);
        System.out.printf(Locale.ROOT, "%nexport, per store (seconds, from --json):%n| part | full pass | freeze pass |%n|---|---|---|%n");
        double fullStores = 0;
        double freezeStores = 0;
        for (JsonNode store : full.path("stores")) {
            String name = store.path("store").asText();
            double z = 0;
            for (JsonNode other : freeze.path("stores")) {
                if (other.path("store").asText().equals(name)) {
                    z = other.path("seconds").asDouble();
                }
            }
            fullStores += store.path("seconds").asDouble();
            freezeStores += z;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", name, store.path("seconds").asDouble(), z);
        }
        System.out.printf(Locale.ROOT, "| after the last store (freeze guard, sealing, state) | %.1f | %.1f |%n",
                full.path("seconds").asDouble() - fullStores, freeze.path("seconds").asDouble() - freezeStores);
    }

    /** The JSON object an export printed, from its log (each line stamped with the seconds since its start). */
    private static JsonNode exportJson(Path log) throws Exception {
        StringBuilder json = new StringBuilder();
        for (String line : Files.readAllLines(log)) {
            String text = line.length() > 9 ? line.substring(9) : "";
            if (json.length() > 0 || text.startsWith("{")) {
                json.append(text).append('\n');
            }
        }
        return new ObjectMapper().readTree(json.toString());
    }

    /** The first window (round 0), as {@link FreezeExportBenchmark} makes it. */
    static String change(KeaDataset dataset, StoreSet source, SeedNames names, PostgresEndpoint db) throws Exception {
        return change(dataset, source, names, db, 0, new java.util.HashSet<>());
    }

    /**
     * About 2% of the objects rewritten with new bytes of the same size, 1% deleted; a row changed and one added.
     * {@code round} shifts which objects (round 0: the first window; later rounds of {@link FreezeRounds} change others);
     * {@code gone} holds the keys earlier rounds deleted (left alone now), and gains this round's.
     */
    static String change(KeaDataset dataset, StoreSet source, SeedNames names, PostgresEndpoint db, int round, java.util.Set<String> gone)
            throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(source.s3().endpoint()).credentials(source.s3().accessKey(), source.s3().secretKey()).build();
        List<ObjectSpec> objects = dataset.objects().stream().filter(o -> o.size() > 0).filter(o -> !gone.contains(o.key())).sorted(Comparator.comparing(ObjectSpec::key)).toList();
        Random random = new Random(12 + round);
        long changedBytes = 0;
        int changed = 0;
        int deleted = 0;
        // A document keeps at least one object, as kea deletes a document's row with its last object: the Source stays
        // consistent, and validate's cross-store check "every metadata row has its objects" holds.
        Map<String, Integer> left = new java.util.HashMap<>();
        objects.stream().filter(o -> o.bucket() == KeaBucket.DOCUMENTS).forEach(o -> left.merge(document(o), 1, Integer::sum));
        for (int i = 0; i < objects.size(); i++) {
            ObjectSpec o = objects.get(i);
            String bucket = o.bucket().bucketName(names.bucketPrefix());
            boolean lastOfItsDocument = o.bucket() == KeaBucket.DOCUMENTS && left.get(document(o)) == 1;
            if (i % 50 == round % 50) {
                byte[] body = new byte[(int) o.size()];
                random.nextBytes(body);
                s3.putObject(PutObjectArgs.builder().bucket(bucket).object(o.key()).stream(new ByteArrayInputStream(body), body.length, -1)
                        .contentType(o.contentType()).build());
                changed++;
                changedBytes += body.length;
            } else if (i % 100 == (2 * round + 1) % 100 && !lastOfItsDocument) {
                s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(o.key()).build());
                gone.add(o.key());
                if (o.bucket() == KeaBucket.DOCUMENTS) {
                    left.merge(document(o), -1, Integer::sum);
                }
                deleted++;
            }
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement st = c.createStatement()) {
            st.execute("UPDATE agent SET name = name || ' (window)' WHERE id = (SELECT min(id) FROM agent)");
            st.execute("INSERT INTO tag (tag_id, name) VALUES ('tag-bench-window" + (round == 0 ? "" : "-" + round) + "', 'Window')");
        }
        return String.format(Locale.ROOT, "%d of %d objects rewritten (%.1f MiB), %d deleted; one row changed, one added", changed,
                objects.size(), changedBytes / 1048576.0, deleted);
    }

    /** The document uid an object of the documents bucket belongs to: its key's first segment. */
    private static String document(ObjectSpec o) {
        int slash = o.key().indexOf('/');
        return slash < 0 ? o.key() : o.key().substring(0, slash);
    }

    static Timed step(Path work, String name, List<String> command) throws Exception {
        Path log = work.resolve(name + ".log");
        Timed t = run(log, Map.of(), command.get(0).endsWith("java") ? command : java(command.toArray(String[]::new)));
        require(t, name, log);
        System.out.printf(Locale.ROOT, "%s: %.1f s wall, %.1f CPU-s%n", name, t.wall(), t.cpu());
        return t;
    }

    static List<String> importer(String jar, List<String> args) {
        List<String> cmd = java("-Xmx256m", "-jar", jar);
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> verifyArgs(Path bundle, TestKeys keys) {
        return List.of("verify", bundle.toString(), "--signer", keys.signerPublic().toString(), "--decryption-key",
                keys.recipientSecret().toString(), "--no-passphrase");
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    static Path single(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
        }
    }

    private static double mib(Path bundle) throws Exception {
        long bytes = 0;
        try (Stream<Path> files = Files.list(bundle)) {
            for (Path f : files.toList()) {
                bytes += Files.size(f);
            }
        }
        return bytes / 1048576.0;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
