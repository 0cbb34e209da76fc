package dev.ferry.tests.upgrade;

import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.importer.upgrade.objects.BucketCopy;
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
 * with kea's names (as chapter 1 leaves it), then runs the chapter 2 upgrade in interleaved pairs A B A B … (A: the
 * object copy one at a time, {@code objects.concurrency: 1}; B: the default concurrency), each run into a fresh swift
 * side (database from swift-schema.sql, OpenFGA store with swift's model, buckets). It prints per run, and per side as
 * median/min/max: the database + tuples time (from the start to the first object copy), the objects time (the
 * server-side copies with their size and SHA-256 checks), the peak heap of the run (the sum of the heap pools' peaks,
 * reset before each run), and the most connections to kea's database open at once during the run (pg_stat_activity,
 * sampled every 20 ms by a connection of the benchmark's own, which is not counted). Arguments: pairs (default 3),
 * seed (default 1), B's concurrency (default the upgrade's). No figure is asserted anywhere.
 */
public final class UpgradeBenchmark {
    private UpgradeBenchmark() {
    }

    record Run(int concurrency, long databaseAndTuplesMs, long objectsMs, long peakHeapBytes, int keaConnections, UpgradeSummary summary) {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : BucketCopy.DEFAULT_CONCURRENCY;
        Profile profile = Profile.runbook();
        Path work = Files.createTempDirectory("ferry-upgrade-bench-");
        try (Stores stores = startStores()) {
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
            int i = 0;
            for (int pair = 1; pair <= pairs; pair++) {
                for (int c : new int[] {1, concurrency}) {
                    i++;
                    Path config = freshSwift(stores, keaDb, work.resolve("run" + i), "b" + i, c);
                    Run r = run(UpgradeConfig.load(config), keaDb);
                    results.add(r);
                    System.out.printf(Locale.ROOT, "run %d (pair %d, %s, concurrency %d): database + tuples %d ms, objects %d ms (%d copied, %d bytes), "
                                    + "peak heap %d MiB, kea connections at most %d; agents %s, %d tuples%n", i, pair, c == 1 ? "A" : "B", c,
                            r.databaseAndTuplesMs(), r.objectsMs(), r.summary().objects().copied(), r.summary().objects().bytes(), r.peakHeapBytes() >> 20,
                            r.keaConnections(), r.summary().agentCounts(), r.summary().expectedTuples());
                }
            }
            for (int c : new int[] {1, concurrency}) {
                List<Run> side = results.stream().filter(r -> r.concurrency() == c).toList();
                System.out.println("concurrency " + c + ":");
                System.out.println("  " + line("database + tuples (ms)", side.stream().mapToLong(Run::databaseAndTuplesMs).toArray()));
                System.out.println("  " + line("objects (ms)", side.stream().mapToLong(Run::objectsMs).toArray()));
                System.out.println("  " + line("peak heap (MiB)", side.stream().mapToLong(r -> r.peakHeapBytes() >> 20).toArray()));
                System.out.println("  " + line("kea connections", side.stream().mapToLong(Run::keaConnections).toArray()));
            }
            System.out.println("max heap (-Xmx): " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; cores: " + Runtime.getRuntime().availableProcessors());
        }
        // The MinIO SDK's OkHttp dispatcher threads are not daemons and idle for 60 s before the JVM may end.
        System.exit(0);
    }

    /**
     * The harness's stores. On a loaded machine a Keycloak may miss its start timeout; a benchmark run by hand tries
     * again (three times at most) rather than losing the evening.
     */
    private static Stores startStores() {
        for (int attempt = 1;; attempt++) {
            try {
                return Stores.start(HarnessOptions.defaults());
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("the stores did not start (" + e.getMessage() + "): trying again");
            }
        }
    }

    private static Run run(UpgradeConfig config, PostgresEndpoint keaDb) throws Exception {
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
        UpgradeSummary s;
        int keaConnections;
        try (KeaConnections sampler = KeaConnections.start(keaDb)) {
            s = new Upgrade(config, progress).run(false, false);
            keaConnections = sampler.max();
        }
        long end = System.nanoTime();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long split = objectsStarted[0] == 0 ? end : objectsStarted[0];
        return new Run(config.objects().concurrency(), (split - start) / 1_000_000, (end - split) / 1_000_000, peak, keaConnections, s);
    }

    /** Samples, on a connection of its own, how many other connections kea's database has open; keeps the most. */
    static final class KeaConnections implements AutoCloseable {
        private final java.sql.Connection connection;
        private final Thread thread;
        private final java.util.concurrent.atomic.AtomicInteger max = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean running = true;

        private KeaConnections(java.sql.Connection connection, String database) {
            this.connection = connection;
            this.thread = new Thread(() -> {
                try (java.sql.PreparedStatement q = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    q.setString(1, database);
                    while (running) {
                        try (java.sql.ResultSet rs = q.executeQuery()) {
                            rs.next();
                            max.accumulateAndGet(rs.getInt(1), Math::max);
                        }
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    if (running) {
                        System.err.println("kea connection sampler stopped: " + e.getMessage());
                    }
                }
            }, "kea-connections");
            thread.setDaemon(true);
            thread.start();
        }

        static KeaConnections start(PostgresEndpoint db) throws java.sql.SQLException {
            java.sql.Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            String database;
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                database = rs.getString(1);
            }
            return new KeaConnections(c, database);
        }

        int max() {
            return max.get();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(1_000);
            connection.close();
        }
    }

    /** A fresh swift side reading the seeded kea: database, OpenFGA store with swift's model, buckets named per run. */
    private static Path freshSwift(Stores stores, PostgresEndpoint keaDb, Path dir, String tag, int concurrency) throws Exception {
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
                  concurrency: %d
                %s%s""".formatted(dir.resolve("state"), keaDb.jdbcUrl(), keaDb.user(), secrets.resolve("kea-pg"), t.openfga().apiUrl(),
                swiftDb.jdbcUrl(), swiftDb.user(), secrets.resolve("swift-pg"), t.openfga().apiUrl(), store, t.keycloak().url(),
                t.keycloak().adminUser(), secrets.resolve("kc"), t.s3().endpoint(), secrets.resolve("s3-access"), secrets.resolve("s3-secret"),
                concurrency, buckets, map));
        return file;
    }

    static String line(String what, long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        long median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "%-24s median %d  min %d  max %d  (n=%d)", what, median, v[0], v[v.length - 1], v.length);
    }
}
