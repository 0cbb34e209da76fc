package dev.ferry.tests.e2e.load;

import static dev.ferry.tests.e2e.load.LoadBenchmark.jar;
import static dev.ferry.tests.e2e.load.LoadBenchmark.java;
import static dev.ferry.tests.e2e.load.LoadBenchmark.require;
import static dev.ferry.tests.e2e.load.LoadBenchmark.run;
import static dev.ferry.tests.e2e.load.LoadBenchmark.settle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.load.LoadBenchmark.Timed;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The freeze export alone, old jar against new (issue 12), run by hand (never a test: speed is not asserted). Seeds
 * the runbook profile once with {@code objectBytes} of objects, makes the base with a full {@code --live} pass of the
 * new jar, changes the Source as {@link FreezeBenchmark} does, then runs {@code ferry-export run --since BASE} with
 * {@code -Dferry.bench.baselineExportJar} and with {@code -Dferry.exporter.jar}, interleaved (A B A B …, each after
 * {@code sync; sleep 5}), and prints wall, CPU and the export's own per-store seconds, with median, min and max.
 * {@code -Dferry.bench.jfr=DIR} records a JFR profile of every freeze export into DIR.
 * <pre>
 * java -Dferry.exporter.jar=NEW.jar -Dferry.bench.baselineExportJar=OLD.jar -Dferry.keycloak.dist=… \
 *   -cp … dev.ferry.tests.e2e.load.FreezeExportBenchmark 268435456 3
 * </pre>
 */
public final class FreezeExportBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FreezeExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long objectBytes = args.length > 0 ? Long.parseLong(args[0]) : 256L << 20;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, String> jars = new LinkedHashMap<>();
        jars.put("before", jar("ferry.bench.baselineExportJar"));
        jars.put("after", jar("ferry.exporter.jar"));
        String jfr = System.getProperty("ferry.bench.jfr", "").strip();
        Path work = Files.createTempDirectory("ferry-freeze-export-bench");
        try (Stores stores = Stores.start(HarnessOptions.defaults())) {
            System.out.println("stores: " + stores.describe());
            BenchSource bench = BenchSource.seed(stores, work, "fxbench", "freeze export benchmark", objectBytes);
            List<String> common = List.of("run", "--config", bench.sourceYaml().toString(), "--recipient", bench.keys().recipientPublic().toString(),
                    "--signing-key", bench.keys().signerSecret().toString(), "--json");

            Path baseOut = work.resolve("base");
            export(work, "base", jars.get("after"), common, List.of("--out", baseOut.toString(), "--live"), null);
            Path base = FreezeBenchmark.single(baseOut);
            Thread.sleep(1_500);
            System.out.println("window: " + FreezeBenchmark.change(bench.dataset(), bench.source(), bench.names(), bench.db()));

            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            for (int i = 0; i < pairs; i++) {
                for (Map.Entry<String, String> side : jars.entrySet()) {
                    String name = side.getKey() + "-" + i;
                    Path out = work.resolve(name);
                    Path recording = jfr.isEmpty() ? null : Path.of(jfr).resolve(name + ".jfr");
                    settle();
                    Sample sample = export(work, name, side.getValue(), common,
                            List.of("--out", out.toString(), "--since", base.toString(), "--safety-margin", "0s"), recording);
                    samples.computeIfAbsent(side.getKey(), k -> new ArrayList<>()).add(sample);
                    new ProcessBuilder("rm", "-rf", out.toString()).inheritIO().start().waitFor();
                }
            }
            print(samples, pairs);
        } finally {
            if (System.getProperty("ferry.bench.keep") == null) {
                new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
            } else {
                System.out.println("kept " + work);
            }
        }
    }

    /** One export: wall and CPU of the process, and the run's own seconds (whole and per store) from its --json. */
    record Sample(double wall, double cpu, double run, Map<String, Double> stores) {
    }

    private static Sample export(Path work, String name, String jar, List<String> common, List<String> more, Path recording)
            throws Exception {
        List<String> java = new ArrayList<>(List.of("-Xmx1g"));
        if (recording != null) {
            java.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
        }
        java.addAll(List.of("-jar", jar));
        java.addAll(common);
        java.addAll(more);
        Path json = work.resolve(name + ".json");
        Path log = work.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"$@\" > \"$FERRY_BENCH_JSON\"", "export"));
        command.addAll(java(java.toArray(String[]::new)));
        Timed t = run(log, Map.of("FERRY_BENCH_JSON", json.toString()), command);
        require(t, name, log);
        // The JFR prints its "Started recording" lines on stdout too, before the export's JSON document.
        String out = Files.readString(json);
        JsonNode doc = JSON.readTree(out.substring(out.startsWith("{") ? 0 : out.indexOf("\n{") + 1));
        Map<String, Double> stores = new LinkedHashMap<>();
        doc.path("stores").forEach(st -> stores.put(st.path("store").asText(), st.path("seconds").asDouble()));
        Sample sample = new Sample(t.wall(), t.cpu(), doc.path("seconds").asDouble(), stores);
        System.out.printf(Locale.ROOT, "%s: %.2f s wall, %.2f CPU-s, run %.2f s, stores %s%n", name, sample.wall(), sample.cpu(),
                sample.run(), stores);
        return sample;
    }

    private static void print(Map<String, List<Sample>> samples, int pairs) {
        System.out.printf(Locale.ROOT, "%nfreeze export (--since), %d interleaved pairs; median / min / max%n", pairs);
        List<String> columns = new ArrayList<>(List.of("wall", "CPU-s", "run"));
        samples.values().iterator().next().get(0).stores().keySet().forEach(columns::add);
        columns.add("after the stores");
        System.out.println("| side | " + String.join(" | ", columns) + " |");
        System.out.println("|---" + "|---".repeat(columns.size()) + "|");
        samples.forEach((side, list) -> {
            List<String> cells = new ArrayList<>();
            cells.add(stat(list.stream().map(Sample::wall).toList()));
            cells.add(stat(list.stream().map(Sample::cpu).toList()));
            cells.add(stat(list.stream().map(Sample::run).toList()));
            list.get(0).stores().keySet().forEach(store -> cells.add(stat(list.stream().map(x -> x.stores().get(store)).toList())));
            cells.add(stat(list.stream().map(x -> x.run() - x.stores().values().stream().mapToDouble(Double::doubleValue).sum()).toList()));
            System.out.println("| " + side + " | " + String.join(" | ", cells) + " |");
        });
    }

    private static String stat(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", median, sorted.get(0), sorted.get(n - 1));
    }
}
