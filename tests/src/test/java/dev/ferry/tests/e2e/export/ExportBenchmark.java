package dev.ferry.tests.e2e.export;

import com.sun.management.OperatingSystemMXBean;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.generator.SeedNames;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark of issue 4, run by hand through exporter/bench/export-vs-mirror.sh (not a test: speed is never asserted).
 * Seeds the runbook profile with {@code objectBytes} of objects into the harness Source, then, against the same stores
 * and objects: (1) ferry-export of the objects with -Xmx256m; (2) the two-step pipeline an operator would otherwise run:
 * mirror the objects to local disk as `mc mirror` does (MinIO client, one download per CPU in flight), then
 * `tar | gpg --sign --encrypt -z0`. Every timed step runs as a child process under /usr/bin/time after `sync; sleep 5`;
 * all outputs are kept until the end. Prints times, throughputs, the ratio, the CPU-seconds of each side (and of the
 * harness JVM, which serves S3, during each), and Ferry's peak heap from its GC log.
 * Extra JVM options for the ferry child (e.g. a JFR recording) come from the environment: FERRY_BENCH_JVM_OPTS, where
 * "{name}" stands for the run's name; FERRY_BENCH_BASELINE_JAR names an earlier ferry-export jar to time first;
 * FERRY_BENCH_PAIRS=n times that jar and this one interleaved, n pairs, instead of the pipeline (exporter/bench/ab-export.sh);
 * FERRY_BENCH_NEW_ARGS adds options to this jar's runs only (e.g. --live, which the baseline did not have).
 */
public final class ExportBenchmark {
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private ExportBenchmark() {
    }

    /** One timed child process: wall seconds, its user+sys CPU seconds, and the harness JVM's CPU seconds meanwhile. */
    record Step(double wall, double cpu, double serverCpu) {
    }

    public static void main(String[] args) throws Exception {
        long objectBytes = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
        Path work = Files.createTempDirectory("ferry-bench");
        SeedNames names = new SeedNames("bench", "bench", "bench");
        try (Stores stores = Stores.start(HarnessOptions.defaults())) {
            System.out.println("stores: " + stores.describe());
            KeaDataset dataset = KeaGenerator.generate(Profile.runbook().withObjectBytes(objectBytes), 7L);
            StoreSet s = stores.source();
            StoreSet source = new StoreSet(Role.SOURCE, stores.createDatabase(Role.SOURCE, "bench"), s.keycloak(), s.openfga(), s.s3());
            System.out.println(KeaSeeder.seed(dataset, source, names).summary());
            long bytes = dataset.objectBytes();
            ExportFixture.Keys keys = ExportFixture.Keys.generate(work.resolve("keys"));
            Path config = ExportFixture.sourceYaml(work.resolve("cfg"), source,
                    new ExportFixture.Names(names.realm(), names.openFgaStore(), names.bucketPrefix()));
            System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());

            // (0) Optionally, an earlier ferry-export jar against the same stores, for a before/after figure.
            String baselineJar = System.getenv("FERRY_BENCH_BASELINE_JAR");
            int pairs = Integer.parseInt(System.getenv().getOrDefault("FERRY_BENCH_PAIRS", "0"));
            if (pairs > 0) {
                oldAgainstNew(work, pairs, baselineJar, config, keys, bytes);
                return;
            }
            Step b = baselineJar == null ? null : ferry(work, "baseline", baselineJar, config, keys);
            // (1) Ferry.
            Step f = ferry(work, "ferry", System.getProperty("ferry.exporter.jar"), config, keys);
            System.out.println(Files.readString(work.resolve("ferry.out")));

            // (2) The two-step pipeline: mirror, then tar | gpg.
            Path mirror = Files.createDirectories(work.resolve("mirror"));
            Step m = timed(work, "mirror", List.of(java(), "-cp", absoluteClassPath(),
                    MirrorToDisk.class.getName(), names.bucketPrefix() + "-", mirror.toString(),
                    String.valueOf(Runtime.getRuntime().availableProcessors())), work,
                    Map.of("S3_ENDPOINT", source.s3().endpoint(), "S3_ACCESS_KEY", source.s3().accessKey(),
                            "S3_SECRET_KEY", source.s3().secretKey()));
            System.out.print(Files.readString(work.resolve("mirror.out")));
            Path gnupg = Files.createDirectories(work.resolve("gnupg"));
            Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Map<String, String> gpgEnv = Map.of("GNUPGHOME", gnupg.toString());
            timed(work, "gpg-import", List.of("gpg", "--batch", "--import", keys.signer().secretKey().toString(),
                    keys.recipient().publicKey().toString()), work, gpgEnv);
            Step g = timed(work, "tar-gpg", List.of("bash", "-o", "pipefail", "-c", "tar -C " + mirror + " -cf - . | gpg --batch"
                    + " --yes --pinentry-mode loopback --passphrase '' --trust-model always -z0 --sign --local-user "
                    + keys.signer().fingerprint() + " --encrypt -r " + keys.recipient().fingerprint() + " -o "
                    + work.resolve("pipeline.tar.gpg") + " && sync " + work.resolve("pipeline.tar.gpg")), work, gpgEnv);

            double mib = bytes / 1048576.0;
            double pipeline = m.wall() + g.wall();
            System.out.printf(Locale.ROOT, "objects: %d bytes (%.1f MiB), %d objects%n", bytes, mib, dataset.objects().size());
            if (b != null) {
                System.out.printf(Locale.ROOT, "baseline %s: %.1f s, %.1f MiB/s, cpuSeconds=%.1f, harness cpuSeconds=%.1f,"
                        + " peak heap %d MB%n", baselineJar, b.wall(), mib / b.wall(), b.cpu(), b.serverCpu(), peakHeapMb(work, "baseline"));
            }
            System.out.printf(Locale.ROOT, "ferry-export (objects, -Xmx256m): %.1f s, %.1f MiB/s, cpuSeconds=%.1f,"
                    + " harness cpuSeconds=%.1f, peak heap %d MB%n", f.wall(), mib / f.wall(), f.cpu(), f.serverCpu(), peakHeapMb(work, "ferry"));
            System.out.printf(Locale.ROOT, "mirror to disk: %.1f s, cpuSeconds=%.1f, harness cpuSeconds=%.1f%n", m.wall(), m.cpu(), m.serverCpu());
            System.out.printf(Locale.ROOT, "tar | gpg -z0: %.1f s, cpuSeconds=%.1f%n", g.wall(), g.cpu());
            System.out.printf(Locale.ROOT, "pipeline: %.1f s, %.1f MiB/s, cpuSeconds=%.1f%n", pipeline, mib / pipeline, m.cpu() + g.cpu());
            System.out.printf(Locale.ROOT, "ratio (pipeline time / ferry time): %.2fx (target >= 1.5x)%n", pipeline / f.wall());
            System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
        }
    }

    /**
     * The earlier jar and this one, interleaved (old new old new ...) against the same stores and objects, so a noisy
     * machine's load falls on both alike. Prints one "AB export side wall cpu" line per run for ab-summary.awk; each
     * run's bundle is deleted before the next run starts. The pipeline is not timed in this mode.
     */
    private static void oldAgainstNew(Path work, int pairs, String baselineJar, Path config, ExportFixture.Keys keys, long bytes)
            throws Exception {
        if (baselineJar == null) {
            throw new IllegalStateException("FERRY_BENCH_PAIRS compares two builds: set FERRY_BENCH_BASELINE_JAR to the older ferry-export.jar");
        }
        Map<String, String> jars = Map.of("old", baselineJar, "new", System.getProperty("ferry.exporter.jar"));
        // E.g. "--live": options the baseline did not have, so that both sides do the same work.
        String newArgs = System.getenv().getOrDefault("FERRY_BENCH_NEW_ARGS", "").strip();
        Map<String, List<String>> args = Map.of("old", List.of(), "new", newArgs.isEmpty() ? List.of() : List.of(newArgs.split("\\s+")));
        System.out.println("extra arguments of the new side: " + args.get("new"));
        for (int pair = 1; pair <= pairs; pair++) {
            for (String side : List.of("old", "new")) {
                String name = side + "-" + pair;
                Step step = ferry(work, name, jars.get(side), config, keys, args.get(side));
                System.out.printf(Locale.ROOT, "AB export %s %.2f %.2f   (%.1f MiB/s, harness cpuSeconds=%.1f, peak heap %d MB)%n", side,
                        step.wall(), step.cpu(), bytes / 1048576.0 / step.wall(), step.serverCpu(), peakHeapMb(work, name));
                new ProcessBuilder("rm", "-rf", work.resolve(name + "-out").toString()).inheritIO().start().waitFor();
            }
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** One ferry-export run of the objects with -Xmx256m into work/&lt;name&gt;-out, its GC log in work/&lt;name&gt;-gc.log. */
    private static Step ferry(Path work, String name, String jar, Path config, ExportFixture.Keys keys) throws Exception {
        return ferry(work, name, jar, config, keys, List.of());
    }

    private static Step ferry(Path work, String name, String jar, Path config, ExportFixture.Keys keys, List<String> extraArgs)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-Xlog:gc:file=" + work.resolve(name + "-gc.log")));
        String extra = System.getenv().getOrDefault("FERRY_BENCH_JVM_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.replace("{name}", name).split("\\s+")));
        }
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(ExportFixture.runArgs(config, keys, work.resolve(name + "-out"), "--stores", "objects")));
        command.addAll(extraArgs);
        return timed(work, name, command, Files.createDirectories(work.resolve(name + "-work")), Map.of());
    }

    /** Runs {@code command} under /usr/bin/time after settling the disk; its output goes to {@code work/<name>.out}. */
    private static Step timed(Path work, String name, List<String> command, Path dir, Map<String, String> env) throws Exception {
        new ProcessBuilder("bash", "-c", "sync; sleep 5").inheritIO().start().waitFor();
        Path cpuFile = work.resolve(name + ".cpu");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.toString()));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long server0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        double server = (os.getProcessCpuTime() - server0) / 1e9;
        if (code != 0) {
            throw new IllegalStateException(name + " failed (" + code + "): " + String.join(" ", command) + "\n"
                    + Files.readString(work.resolve(name + ".out")));
        }
        String[] cpu = Files.readString(cpuFile).trim().split("\\s+");
        return new Step(wall, Double.parseDouble(cpu[cpu.length - 2]) + Double.parseDouble(cpu[cpu.length - 1]), server);
    }

    /** The largest heap occupancy before any collection, from a -Xlog:gc file ("123M->45M(256M)"). */
    private static long peakHeapMb(Path work, String name) throws Exception {
        long peak = 0;
        Matcher m = GC_HEAP.matcher(Files.readString(work.resolve(name + "-gc.log")));
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    /** The harness's class path with absolute entries, for a child started in another directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
