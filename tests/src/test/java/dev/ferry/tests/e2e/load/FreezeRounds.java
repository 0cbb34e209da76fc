package dev.ferry.tests.e2e.load;

import static dev.ferry.tests.e2e.load.FreezeBenchmark.importer;
import static dev.ferry.tests.e2e.load.FreezeBenchmark.median;
import static dev.ferry.tests.e2e.load.FreezeBenchmark.step;
import static dev.ferry.tests.e2e.load.LoadBenchmark.jar;
import static dev.ferry.tests.e2e.load.LoadBenchmark.java;
import static dev.ferry.tests.e2e.load.LoadBenchmark.settle;

import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.load.LoadBenchmark.Timed;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The freeze load and the freeze validate of two importer jars, old against new, on one Target (issue 12), run by
 * hand through tests/bench/freeze-rounds.sh (not a test: speed is never asserted). A freeze load cannot be repeated
 * on the same Target, so each round brings a new window of changes (about 2% of the objects rewritten, 1% deleted, a
 * row changed and one added) and a new delta exported since the previous one: round 1's delta is loaded by the
 * baseline jar, round 2's by this build's, and so on (A B A B …). Each round's delta is then validated by both jars,
 * in alternating order. Every timed step is a child process started after {@code sync; sleep 5}.
 * <p>
 * The bundles carry the stores of {@code -Dferry.bench.stores} (default postgres,openfga,objects: with Keycloak the
 * rounds also time its sync and its checks, and the export reads 500 users through the Admin API each round).
 */
public final class FreezeRounds {
    private FreezeRounds() {
    }

    public static void main(String[] args) throws Exception {
        long objectBytes = args.length > 0 ? Long.parseLong(args[0]) : 256L << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        String stores = System.getProperty("ferry.bench.stores", "postgres,openfga,objects");
        String before = jar("ferry.bench.baselineImportJar");
        String after = jar("ferry.importer.jar");
        Path work = Files.createTempDirectory("ferry-freeze-rounds");
        try (Stores harness = Stores.start(HarnessOptions.defaults())) {
            BenchSource bench = BenchSource.seed(harness, work, "frounds", "freeze rounds", objectBytes);
            List<String> export = List.of("-Xmx1g", "-jar", jar("ferry.exporter.jar"), "run", "--config", bench.sourceYaml().toString(),
                    "--recipient", bench.keys().recipientPublic().toString(), "--signing-key", bench.keys().signerSecret().toString(), "--stores", stores);

            Path previous = exported(work, "export-0", export, "--live");
            TargetFixture target = new TargetFixture(harness, bench.names().realm(), Map.of(), bench.keys(), previous, work.resolve("target"));
            step(work, "full-load", importer(before, target.loadArgs("--stores", stores)));
            step(work, "full-validate", importer(before, target.validateArgs("--stores", stores)));

            Map<String, List<Timed>> timings = new LinkedHashMap<>();
            Set<String> gone = new HashSet<>();
            for (int round = 1; round <= rounds; round++) {
                Thread.sleep(1_500);
                System.out.println("window " + round + ": " + FreezeBenchmark.change(bench.dataset(), bench.source(), bench.names(), bench.db(), round, gone));
                Path delta = exported(work, "export-" + round, export, "--since", previous.toString(), "--safety-margin", "0s");
                TargetFixture second = target.withBundle(delta);
                boolean baselineLoads = round % 2 == 1;
                String side = baselineLoads ? "before" : "after";
                settle();
                timings.computeIfAbsent("load, " + side, k -> new ArrayList<>())
                        .add(step(work, "load-" + round + "-" + side, importer(baselineLoads ? before : after, second.loadArgs("--stores", stores))));
                for (String v : baselineLoads ? List.of("after", "before") : List.of("before", "after")) {
                    settle();
                    timings.computeIfAbsent("validate, " + v, k -> new ArrayList<>())
                            .add(step(work, "validate-" + round + "-" + v, importer(v.equals("before") ? before : after, second.validateArgs("--stores", stores))));
                }
                previous = delta;
            }
            System.out.printf(Locale.ROOT, "%nfreeze rounds: %.0f MiB of objects, stores %s, %d rounds%n", objectBytes / 1048576.0, stores, rounds);
            System.out.println("| step | median | min | max | median CPU-s | runs (s) |");
            System.out.println("|---|---|---|---|---|---|");
            timings.forEach((what, list) -> {
                List<Double> walls = list.stream().map(Timed::wall).sorted().toList();
                List<Double> cpus = list.stream().map(Timed::cpu).sorted().toList();
                System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f s | %.2f s | %.1f | %s |%n", what, median(walls), walls.get(0),
                        walls.get(walls.size() - 1), median(cpus),
                        String.join(" ", list.stream().map(t -> String.format(Locale.ROOT, "%.2f", t.wall())).toList()));
            });
        } finally {
            if (System.getProperty("ferry.bench.keep") == null) {
                new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
            } else {
                System.out.println("kept " + work);
            }
        }
    }

    private static Path exported(Path work, String name, List<String> export, String... more) throws Exception {
        List<String> args = new ArrayList<>(export);
        args.addAll(List.of("--out", work.resolve(name).toString()));
        args.addAll(List.of(more));
        step(work, name, java(args.toArray(String[]::new)));
        try (Stream<Path> files = Files.list(work.resolve(name))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ferry")).findFirst().orElseThrow();
        }
    }
}
