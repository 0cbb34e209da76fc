package dev.ferry.tests.upgrade;

import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.importer.upgrade.run.Upgrade;
import dev.ferry.importer.upgrade.run.UpgradeSummary;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.tests.generator.KeaBucket;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Run by hand (importer/bench/upgrade.sh): starts the harness's stores, seeds the runbook profile once into the Target
 * with kea's names (as chapter 1 leaves it), then runs the chapter 2 upgrade N times (default 3), each time into a
 * fresh swift side (database from swift-schema.sql, OpenFGA store with swift's model, buckets), and prints per run
 * and as median/min/max: the database + tuples time (from the start to the first object copy), the objects time (the
 * server-side copies with their size and SHA-256 checks), and the peak heap of the run (the sum of the heap pools'
 * peaks, reset before each run). Arguments: runs (default 3), seed (default 1). No figure is asserted anywhere.
 */
public final class UpgradeBenchmark {
    private UpgradeBenchmark() {
    }

    record Run(long databaseAndTuplesMs, long objectsMs, long peakHeapBytes, UpgradeSummary summary) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        Profile profile = Profile.runbook();
        Path work = Files.createTempDirectory("ferry-upgrade-bench-");
        try (Stores stores = Stores.start(HarnessOptions.defaults())) {
            StoreSet target = stores.target();
            PostgresEndpoint keaDb = stores.createDatabase(Role.TARGET, "fred_kea");
            KeaDataset dataset = KeaGenerator.generate(profile, seed);
            long t0 = System.nanoTime();
            String seeded = KeaSeeder.seed(dataset, new StoreSet(target.role(), keaDb, target.keycloak(), target.openfga(), target.s3()), SeedNames.kea())
                    .summary();
            System.out.printf(Locale.ROOT, "seeded the %s profile (seed %d: %d users, %d agents rows, %d tuples, %d objects) in %d ms%n%s%n",
                    profile.name(), seed, dataset.users().size(), dataset.rowCounts().getOrDefault("agent", 0), dataset.tuples().size(),
                    dataset.objects().size(), (System.nanoTime() - t0) / 1_000_000, seeded);
            List<Run> results = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                Path config = freshSwift(stores, keaDb, work.resolve("run" + i), "b" + i);
                Run r = run(UpgradeConfig.load(config));
                results.add(r);
                System.out.printf(Locale.ROOT, "run %d: database + tuples %d ms, objects %d ms (%d copied, %d bytes), peak heap %d MiB; "
                                + "agents %s, %d tuples%n", i, r.databaseAndTuplesMs(), r.objectsMs(), r.summary().objects().copied(),
                        r.summary().objects().bytes(), r.peakHeapBytes() >> 20, r.summary().agentCounts(), r.summary().expectedTuples());
            }
            System.out.println(line("database + tuples (ms)", results.stream().mapToLong(Run::databaseAndTuplesMs).toArray()));
            System.out.println(line("objects (ms)", results.stream().mapToLong(Run::objectsMs).toArray()));
            System.out.println(line("peak heap (MiB)", results.stream().mapToLong(r -> r.peakHeapBytes() >> 20).toArray()));
            System.out.println("max heap (-Xmx): " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; cores: " + Runtime.getRuntime().availableProcessors());
        }
        // The MinIO SDK's OkHttp dispatcher threads are not daemons and idle for 60 s before the JVM may end.
        System.exit(0);
    }

    private static Run run(UpgradeConfig config) {
        long[] objectsStarted = {0};
        PrintStream progress = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                if (b != '\n') {
                    line.append((char) b);
                    return;
                }
                if (objectsStarted[0] == 0 && line.indexOf("copying objects") >= 0) {
                    objectsStarted[0] = System.nanoTime();
                }
                line.setLength(0);
            }
        }, true, StandardCharsets.UTF_8);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        UpgradeSummary s = new Upgrade(config, progress).run(false, false);
        long end = System.nanoTime();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long split = objectsStarted[0] == 0 ? end : objectsStarted[0];
        return new Run((split - start) / 1_000_000, (end - split) / 1_000_000, peak, s);
    }

    /** A fresh swift side reading the seeded kea: database, OpenFGA store with swift's model, buckets named per run. */
    private static Path freshSwift(Stores stores, PostgresEndpoint keaDb, Path dir, String tag) throws Exception {
        StoreSet t = stores.target();
        PostgresEndpoint swiftDb = UpgradeFixture.createSwiftDatabase(t.postgres(), "fred_swift_" + tag);
        String store = "fred-" + tag;
        OpenFgaStoreClient c = OpenFgaStoreClient.unbound(new OpenFgaConfig(t.openfga().apiUrl(), new OpenFgaConfig.StoreRef(null, store), null));
        c.useStore(c.createStore(store), store);
        c.writeModel(UpgradeFixture.json("/swift/swift-model.json"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("kea-pg"), keaDb.password());
        Files.writeString(secrets.resolve("swift-pg"), swiftDb.password());
        Files.writeString(secrets.resolve("kc"), t.keycloak().adminPassword());
        Files.writeString(secrets.resolve("s3-access"), t.s3().accessKey());
        Files.writeString(secrets.resolve("s3-secret"), t.s3().secretKey());
        StringBuilder buckets = new StringBuilder("  buckets:\n");
        StringBuilder map = new StringBuilder("  bucketMap:\n");
        for (KeaBucket b : KeaBucket.values()) {
            String kea = b.bucketName("kea");
            buckets.append("    - ").append(kea).append('\n');
            map.append("    ").append(kea).append(": ").append(kea.substring("kea-".length())).append('-').append(tag).append('\n');
        }
        Path file = dir.resolve("upgrade.yaml");
        Files.writeString(file, """
                stateDir: %s
                kea:
                  postgres: {url: "%s", user: %s, password: "${file:%s}"}
                  openfga: {apiUrl: "%s", store: {name: kea}}
                swift:
                  postgres: {url: "%s", user: %s, password: "${file:%s}"}
                  openfga: {apiUrl: "%s", store: {name: %s}}
                keycloak:
                  url: %s
                  realm: app
                  auth: {username: %s, password: "${file:%s}"}
                objects:
                  endpoint: %s
                  accessKey: ${file:%s}
                  secretKey: ${file:%s}
                %s%s""".formatted(dir.resolve("state"), keaDb.jdbcUrl(), keaDb.user(), secrets.resolve("kea-pg"), t.openfga().apiUrl(),
                swiftDb.jdbcUrl(), swiftDb.user(), secrets.resolve("swift-pg"), t.openfga().apiUrl(), store, t.keycloak().url(),
                t.keycloak().adminUser(), secrets.resolve("kc"), t.s3().endpoint(), secrets.resolve("s3-access"), secrets.resolve("s3-secret"),
                buckets, map));
        return file;
    }

    static String line(String what, long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        long median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "%-24s median %d  min %d  max %d  (n=%d)", what, median, v[0], v[v.length - 1], v.length);
    }
}
