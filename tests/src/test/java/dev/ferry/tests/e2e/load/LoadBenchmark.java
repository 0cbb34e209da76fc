package dev.ferry.tests.e2e.load;

import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.KeaBucket;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.S3Endpoint;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.rehearsal.SourceYaml;
import dev.ferry.tests.harness.Stores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The benchmark of issue 5, run by hand through importer/bench/load-vs-gpg.sh (not a test: speed is never asserted).
 * Seeds the runbook profile with {@code objectBytes} of objects into the harness Source, exports it with ferry-export,
 * then, over that one bundle, in this run:
 * <ol>
 * <li>Ferry: {@code ferry-import load} of the whole bundle (all four stores) into the fresh harness Target, -Xmx256m;</li>
 * <li>the peer: {@code gpg --decrypt | zstd -d | tar -x} of every part into a directory (the by-hand recipe of
 * docs/archive-format.md), then an upload of every extracted object with the MinIO client ({@link PeerUploadBenchmark},
 * its own process) into a second fresh S3 server of the same kind, as many objects in flight as Ferry.</li>
 * </ol>
 * Each timed step starts after {@code sync; sleep 5}; its CPU-seconds are the user+sys of its process tree (the S3
 * servers run in this JVM on both sides and are not counted). Prints wall time, CPU-seconds, throughput over the
 * object bytes, the ratio, and Ferry's peak heap (from its GC log). Nothing is deleted before both are measured.
 */
public final class LoadBenchmark {
    /** Objects in flight on both sides: the importer's default objects.concurrency. */
    private static final int CONCURRENCY = 4;
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private LoadBenchmark() {
    }

    /** One timed child process: wall seconds, user+sys seconds of it and everything it waited for, exit code. */
    record Timed(double wall, double cpu, int exitCode) {
        double mibPerSecond(long bytes) {
            return bytes / 1048576.0 / wall;
        }
    }

    public static void main(String[] args) throws Exception {
        long objectBytes = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
        Path work = Files.createTempDirectory("ferry-load-bench");
        SeedNames names = new SeedNames("bench", "bench", "bench");
        try (Stores stores = Stores.start(HarnessOptions.defaults()); PeerS3 peer = PeerS3.start(work.resolve("peer-s3"))) {
            System.out.println("stores: " + stores.describe() + "; peer target: " + peer.description());
            KeaDataset dataset = KeaGenerator.generate(Profile.runbook().withObjectBytes(objectBytes), 7L);
            StoreSet s = stores.source();
            StoreSet source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "bench"), s.keycloak(), s.openfga(), s.s3());
            System.out.println(KeaSeeder.seed(dataset, source, names).summary());
            long bytes = dataset.objectBytes();
            TestKeys keys = TestKeys.generate(Files.createDirectories(work.resolve("keys")), "bench");

            Timed export = run(work.resolve("export.log"), Map.of(), java("-Xmx1g", "-jar", jar("ferry.exporter.jar"), "run",
                    "--config", sourceYaml(work.resolve("source"), source, names).toString(),
                    "--recipient", keys.recipientPublic().toString(), "--signing-key", keys.signerSecret().toString(),
                    "--out", work.resolve("out").toString(), "--json"));
            require(export, "ferry-export", work.resolve("export.log"));
            Path bundle;
            try (Stream<Path> files = Files.list(work.resolve("out"))) {
                bundle = files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
            }
            List<Path> parts;
            try (Stream<Path> files = Files.list(bundle)) {
                parts = files.filter(f -> f.getFileName().toString().endsWith(".tar.zst.gpg")).sorted().toList();
            }
            long bundleBytes = 0;
            for (Path p : parts) {
                bundleBytes += Files.size(p);
            }
            System.out.printf(Locale.ROOT, "bundle: %d parts, %.1f MiB; exported in %.1f s%n", parts.size(), bundleBytes / 1048576.0, export.wall());

            int pairs = Integer.getInteger("ferry.bench.pairs", 0);
            if (pairs > 0) {
                oldAgainstNew(stores, work, pairs, names, keys, bundle, bytes);
                return;
            }

            // (1) Ferry
            TargetFixture target = new TargetFixture(stores, names.realm(), Map.of(), keys, bundle, work.resolve("target"));
            Path gcLog = work.resolve("ferry-gc.log");
            List<String> load = java("-Xmx256m", "-Xlog:gc:file=" + gcLog);
            // e.g. -XX:StartFlightRecording=filename=/tmp/load.jfr, to profile the load without changing the run
            String extra = System.getProperty("ferry.bench.ferryJvmOptions", "").strip();
            if (!extra.isEmpty()) {
                load.addAll(List.of(extra.split("\\s+")));
            }
            load.addAll(List.of("-jar", jar("ferry.importer.jar")));
            load.addAll(target.loadArgs());
            settle();
            Timed ferry = run(work.resolve("ferry-load.log"), Map.of(), load);
            require(ferry, "ferry-import load", work.resolve("ferry-load.log"));

            // (2) the peer: decrypt and extract every part, then upload the objects with the MinIO client
            Path gnupg = Files.createDirectories(work.resolve("gnupg"));
            Files.setPosixFilePermissions(gnupg, PosixFilePermissions.fromString("rwx------"));
            Path extracted = Files.createDirectories(work.resolve("extracted"));
            Timed imported = run(work.resolve("gpg-import.log"), Map.of("GNUPGHOME", gnupg.toString()), List.of("gpg", "--batch",
                    "--import", keys.recipientSecret().toString(), keys.signerPublic().toString()));
            require(imported, "gpg --import", work.resolve("gpg-import.log"));
            settle();
            Timed decrypt = run(work.resolve("peer-decrypt.log"), Map.of("GNUPGHOME", gnupg.toString()), List.of("bash", "-c", """
                    set -euo pipefail
                    for p in "$1"/*.tar.zst.gpg; do
                      gpg --batch --quiet --decrypt "$p" | zstd -d -q | tar -x -C "$2"
                      mv "$2/index.json" "$2/index-$(basename "$p" .tar.zst.gpg).json"
                    done
                    """, "peer", bundle.toString(), extracted.toString()));
            require(decrypt, "gpg --decrypt | zstd -d | tar -x", work.resolve("peer-decrypt.log"));
            settle();
            Timed upload = run(work.resolve("peer-upload.log"), Map.of("PEER_S3_ENDPOINT", peer.endpoint().endpoint(),
                    "PEER_S3_ACCESS_KEY", peer.endpoint().accessKey(), "PEER_S3_SECRET_KEY", peer.endpoint().secretKey()),
                    java("-Xmx256m", "-cp", System.getProperty("java.class.path"), PeerUploadBenchmark.class.getName(),
                            extracted.toString(), Integer.toString(CONCURRENCY)));
            require(upload, "the MinIO client upload", work.resolve("peer-upload.log"));
            System.out.print(Files.readString(work.resolve("peer-upload.log")));

            double peerWall = decrypt.wall() + upload.wall();
            double peerCpu = decrypt.cpu() + upload.cpu();
            System.out.printf(Locale.ROOT, "objects: %d bytes (%.1f MiB), %d objects%n", bytes, bytes / 1048576.0, dataset.objects().size());
            System.out.printf(Locale.ROOT, "ferry-import load (all stores, -Xmx256m): %.1f s wall, %.1f CPU-s, %.1f MiB/s; peak heap %s%n",
                    ferry.wall(), ferry.cpu(), ferry.mibPerSecond(bytes), peakHeap(gcLog));
            System.out.printf(Locale.ROOT, "peer: gpg --decrypt | zstd -d | tar -x: %.1f s wall, %.1f CPU-s; MinIO client upload (%d in flight): "
                    + "%.1f s wall, %.1f CPU-s%n", decrypt.wall(), decrypt.cpu(), CONCURRENCY, upload.wall(), upload.cpu());
            System.out.printf(Locale.ROOT, "peer total: %.1f s wall, %.1f CPU-s, %.1f MiB/s%n", peerWall, peerCpu, bytes / 1048576.0 / peerWall);
            System.out.printf(Locale.ROOT, "ratio (Ferry throughput / peer throughput): %.2fx (target >= 1.0x)%n", peerWall / ferry.wall());
            System.out.println("ferry-import's log (seconds since start):");
            System.out.print(Files.readString(work.resolve("ferry-load.log")));
        } finally {
            if (System.getProperty("ferry.bench.keep") == null) {
                new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
            } else {
                System.out.println("kept " + work);
            }
        }
    }

    /**
     * The baseline importer jar ({@code ferry.bench.baselineImporterJar}) and this one, interleaved (old new old new
     * ...), each loading the same bundle into a Target of its own (fresh database, OpenFGA store and buckets; the
     * realm removed first), so a noisy machine's load falls on both alike. Prints one "AB load side wall cpu" line per
     * run for ab-summary.awk. The peer is not timed in this mode.
     */
    private static void oldAgainstNew(Stores stores, Path work, int pairs, SeedNames names, TestKeys keys, Path bundle, long bytes)
            throws Exception {
        Map<String, String> jars = Map.of("old", jar("ferry.bench.baselineImporterJar"), "new", jar("ferry.importer.jar"));
        for (int pair = 1; pair <= pairs; pair++) {
            for (String side : List.of("old", "new")) {
                String name = side + "-" + pair;
                Map<String, String> buckets = new java.util.LinkedHashMap<>();
                for (KeaBucket b : KeaBucket.values()) {
                    buckets.put(b.bucketName(names.bucketPrefix()), side.charAt(0) + "" + pair + "-" + b.bucketName(names.bucketPrefix()));
                }
                TargetFixture target = new TargetFixture(stores, names.realm(), buckets, keys, bundle, work.resolve("target-" + name));
                Path gcLog = work.resolve("gc-" + name + ".log");
                List<String> load = java("-Xmx256m", "-Xlog:gc:file=" + gcLog);
                String extra = System.getProperty("ferry.bench.ferryJvmOptions", "").strip();
                if (!extra.isEmpty()) {
                    load.addAll(List.of(extra.replace("{name}", name).split("\\s+")));
                }
                load.addAll(List.of("-jar", jars.get(side)));
                load.addAll(target.loadArgs());
                settle();
                Timed t = run(work.resolve("load-" + name + ".log"), Map.of(), load);
                require(t, "ferry-import load (" + name + ")", work.resolve("load-" + name + ".log"));
                System.out.printf(Locale.ROOT, "AB load %s %.2f %.2f   (%.1f MiB/s; %s)%n", side, t.wall(), t.cpu(), t.mibPerSecond(bytes),
                        peakHeap(gcLog));
            }
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Lets the disk settle, so neither side pays for the other's writeback. */
    static void settle() throws Exception {
        new ProcessBuilder("bash", "-c", "sync; sleep 5").inheritIO().start().waitFor();
    }

    static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String jar(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("-D" + property + " names no jar (" + jar + "): run importer/bench/load-vs-gpg.sh");
        }
        return jar;
    }

    /**
     * Runs a command under bash, which reports the user+sys time of the command and all it waited for; the
     * command's output goes to {@code log}, each line stamped with the seconds since the start.
     */
    static Timed run(Path log, Map<String, String> env, List<String> command) throws Exception {
        Path times = Files.createTempFile("ferry-bench", ".times");
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times > \"$FERRY_BENCH_TIMES\"; exit $rc", "timed"));
        wrapped.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(wrapped).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("FERRY_BENCH_TIMES", times.toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.printf(Locale.ROOT, "%7.1f  %s%n", (System.nanoTime() - t0) / 1e9, line);
            }
        }
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        List<String> lines = Files.readAllLines(times);
        Files.delete(times);
        double cpu = 0;
        if (lines.size() >= 2) {
            Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s").matcher(lines.get(1));
            while (m.find()) {
                cpu += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
            }
        }
        return new Timed(wall, cpu, code);
    }

    static void require(Timed t, String what, Path log) throws IOException {
        if (t.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (exit " + t.exitCode() + "):\n" + Files.readString(log));
        }
    }

    /**
     * From a -Xlog:gc file: the largest heap occupancy seen before a collection (G1 lets it grow to -Xmx before it
     * collects, so this says little), the largest left after one (what the load really holds), and the heap size.
     */
    private static String peakHeap(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        long size = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                size = Math.max(size, Long.parseLong(m.group(3)));
            }
        }
        return collections == 0 ? "(no collection logged)" : String.format(Locale.ROOT,
                "%d MiB live at most after a GC, %d MiB at most before one (heap %d MiB, %d collections)", after, before, size, collections);
    }

    private static Path sourceYaml(Path dir, StoreSet source, SeedNames names) throws IOException {
        return SourceYaml.write(Files.createDirectories(dir).resolve("source.yaml"), dir.resolve("secrets"), source, "load benchmark",
                names.realm(), names.openFgaStore(), names.bucketPrefix());
    }

    /** The peer's Target: a second S3Proxy on the harness's blob store ("filesystem-nio2"), fresh and empty. */
    private record PeerS3(BlobStoreContext context, S3Proxy proxy, S3Endpoint endpoint) implements AutoCloseable {
        static PeerS3 start(Path dir) throws Exception {
            Files.createDirectories(dir);
            String access = "peer-" + hex(6);
            String secret = hex(20);
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", dir.toString());
            BlobStoreContext context = ContextBuilder.newBuilder("filesystem-nio2").credentials(access, secret).overrides(properties)
                    .buildView(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret).build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                if (proxy.getState().equals("FAILED")) {
                    throw new IllegalStateException("the peer's S3Proxy did not start");
                }
                Thread.sleep(10);
            }
            return new PeerS3(context, proxy, new S3Endpoint("http://127.0.0.1:" + proxy.getPort(), access, secret));
        }

        String description() {
            return "S3Proxy embedded (filesystem-nio2) at " + endpoint.endpoint();
        }

        private static String hex(int bytes) {
            byte[] b = new byte[bytes];
            new SecureRandom().nextBytes(b);
            return HexFormat.of().formatHex(b);
        }

        @Override
        public void close() throws Exception {
            try {
                proxy.stop();
            } finally {
                context.close();
            }
        }
    }
}
