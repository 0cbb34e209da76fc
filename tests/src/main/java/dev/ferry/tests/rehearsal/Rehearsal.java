package dev.ferry.tests.rehearsal;

import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.cli.CliRunner;
import dev.ferry.exporter.cli.ExportCli;
import dev.ferry.importer.cli.ImportCli;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaGenerator;
import dev.ferry.tests.generator.KeaSeeder;
import dev.ferry.tests.generator.Profile;
import dev.ferry.tests.harness.HarnessOptions;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.StoreSet;
import dev.ferry.tests.harness.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The whole migration on embedded stores, through the real command lines, in one command (README's first command,
 * {@code bin/ferry-rehearse}): start a Source and a Target, seed the Source with the runbook's kea deployment, make
 * throwaway keys, then plan, export, verify (as the courier, then with the key), load and validate, and print where
 * the validation report is. Exits non-zero, naming the step, if any step fails.
 *
 * <p>{@code --keep DIR} keeps {@code DIR/bundle/}, the keys in {@code DIR/keys/} (signer.pub.asc, signer.sec.asc,
 * recipient.pub.asc, recipient.sec.asc; no passphrase) and {@code DIR/report.html}; without it everything goes into a
 * temporary directory that is removed at the end, except the report, which is kept and printed.
 */
public final class Rehearsal {
    static final int STEPS = 11;

    /**
     * @param keep    where to keep the bundle, keys and report; null for a temporary directory
     * @param seed    the data generator's seed
     * @param profile the kea deployment to generate
     */
    public record Options(Path keep, long seed, Profile profile) {
        static Options parse(String... args) {
            Path keep = null;
            long seed = 42;
            Profile profile = Profile.runbook();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keep" -> keep = Path.of(value(args, ++i, "--keep"));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--profile" -> profile = profile(value(args, ++i, "--profile"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(keep, seed, profile);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static Profile profile(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "runbook" -> Profile.runbook();
                case "small" -> Profile.small();
                default -> throw new IllegalArgumentException("unknown profile " + name + " (use runbook or small)");
            };
        }
    }

    /** What a successful rehearsal leaves behind. */
    public record Result(Path bundle, Path keys, Path report) {
    }

    private final Options options;
    private final PrintStream out;

    public Rehearsal(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ferry-rehearse: " + e.getMessage());
            System.err.println("  Usage: bin/ferry-rehearse [--keep DIR] [--profile runbook|small] [--seed N]");
            System.exit(2);
            return;
        }
        System.exit(new Rehearsal(options, System.out).runOnFreshStores());
    }

    /** Starts its own stores, with kea's real names (realm app, store kea, buckets kea-…, database fred). */
    public int runOnFreshStores() {
        Steps steps = new Steps(out, STEPS);
        Stores[] stores = new Stores[1];
        try {
            steps.run("Start the Source and Target stores (PostgreSQL, Keycloak, OpenFGA, S3)", () -> {
                stores[0] = Stores.start(HarnessOptions.defaults());
                out.println("      " + stores[0].describe());
                return 0;
            });
            return report(run(steps, stores[0], stores[0].source(), stores[0].target(), Names.kea()));
        } catch (Steps.StepFailed e) {
            return failed(e);
        } finally {
            if (stores[0] != null) {
                stores[0].close();
            }
        }
    }

    /**
     * Runs on stores that are already running (the test suite's), in fresh databases and under unique names, so it
     * disturbs nothing else there.
     */
    public int runOn(Stores stores) {
        Steps steps = new Steps(out, STEPS);
        try {
            Names names = Names.unique();
            String db = names.bucketPrefix().replace("-", "_");
            steps.run("Create fresh databases on the running stores", () -> 0);
            StoreSet source = withDatabase(stores.source(), stores.createDatabase(Role.SOURCE, "src_" + db));
            StoreSet target = withDatabase(stores.target(), stores.createDatabase(Role.TARGET, "tgt_" + db));
            return report(run(steps, stores, source, target, names));
        } catch (Steps.StepFailed e) {
            return failed(e);
        }
    }

    private static StoreSet withDatabase(StoreSet set, dev.ferry.tests.harness.PostgresEndpoint db) {
        return new StoreSet(set.role(), db, set.keycloak(), set.openfga(), set.s3());
    }

    private Result run(Steps steps, Stores stores, StoreSet source, StoreSet target, Names names) throws Steps.StepFailed {
        Path work = workDir();
        Path keys = work.resolve("keys");
        Path exports = work.resolve("exports");
        Path bundle = work.resolve("bundle");
        Path report = work.resolve("report.html");
        // The offline export holds password hashes and client secrets in clear: it lives with the secrets and goes with them.
        Path realmFile = work.resolve("secrets").resolve("keycloak-realm.json");
        RehearsalConfigs.Written[] configs = new RehearsalConfigs.Written[1];
        try {
            steps.run("Seed the Source with the " + options.profile().name() + " kea deployment (seed " + options.seed() + ")", () -> {
                KeaDataset data = KeaGenerator.generate(options.profile(), options.seed());
                out.println("      " + KeaSeeder.seed(data, source, names.seedNames()).summary());
                return 0;
            });
            steps.run("Export the Source realm offline (kc.sh export --users same_file), so password hashes travel", () -> {
                stores.keycloakOfflineExport(Role.SOURCE, names.realm(), realmFile);
                return 0;
            });
            steps.run("Generate throwaway keys (no passphrase) in " + keys, () -> {
                Files.createDirectories(keys);
                KeyGenerator.generate(keys, "signer", "Ferry rehearsal signer <rehearsal@ferry.invalid>", KeyGenerator.Algorithm.ED25519, new char[0]);
                KeyGenerator.generate(keys, "recipient", "Ferry rehearsal recipient <rehearsal@ferry.invalid>", KeyGenerator.Algorithm.ED25519, new char[0]);
                configs[0] = RehearsalConfigs.write(work, source, target, names);
                return 0;
            });
            Path sourceYaml = configs[0].source();
            Path targetYaml = configs[0].target();
            steps.run("ferry-export plan", () -> export("plan", "--config", sourceYaml.toString(),
                    "--keycloak-realm-file", realmFile.toString()));
            steps.run("ferry-export run", () -> export("run", "--config", sourceYaml.toString(), "--recipient",
                    keys.resolve("recipient.pub.asc").toString(), "--signing-key", keys.resolve("signer.sec.asc").toString(),
                    "--out", exports.toString(), "--keycloak-realm-file", realmFile.toString()));
            steps.run("Move the bundle to " + bundle, () -> {
                moveSingleBundle(exports, bundle);
                return 0;
            });
            List<String> keyArgs = List.of("--signer", keys.resolve("signer.pub.asc").toString(), "--decryption-key",
                    keys.resolve("recipient.sec.asc").toString(), "--no-passphrase");
            steps.run("ferry-import verify, as the courier (signatures and checksums, no key)",
                    () -> importer("verify", bundle.toString(), "--signer", keys.resolve("signer.pub.asc").toString()));
            steps.run("ferry-import verify, with the decryption key (every entry, every count)",
                    () -> importer(concat(List.of("verify", bundle.toString()), keyArgs)));
            steps.run("ferry-import load", () -> importer(concat(List.of("load", bundle.toString(), "--config", targetYaml.toString()), keyArgs)));
            steps.run("ferry-import validate", () -> importer(concat(List.of("validate", bundle.toString(), "--config",
                    targetYaml.toString(), "--report", report.toString()), keyArgs)));
        } finally {
            // The secrets the configs point at, and the offline realm export, are the only files that must never be kept.
            deleteTree(work.resolve("secrets"));
            if (options.keep() == null) {
                // Only the report outlives a rehearsal run without --keep.
                for (String name : List.of("exports", "bundle", "keys", "state")) {
                    deleteTree(work.resolve(name));
                }
            }
        }
        return new Result(bundle, keys, report);
    }

    private int report(Result result) {
        out.println();
        out.println("Rehearsal passed: plan, export, verify, load and validate all succeeded.");
        out.println("  Validation report: " + result.report().toAbsolutePath());
        if (options.keep() != null) {
            out.println("  Bundle:            " + result.bundle().toAbsolutePath());
            out.println("  Keys:              " + result.keys().toAbsolutePath() + " (throwaway, no passphrase)");
        }
        out.flush();
        return 0;
    }

    private int failed(Steps.StepFailed e) {
        out.println();
        out.println("Rehearsal FAILED at " + e.step + ": " + e.getMessage());
        out.flush();
        return e.exitCode == 0 ? 1 : e.exitCode;
    }

    private Path workDir() {
        try {
            if (options.keep() != null) {
                Files.createDirectories(options.keep());
                try (Stream<Path> s = Files.list(options.keep())) {
                    if (s.anyMatch(p -> List.of("bundle", "keys", "report.html").contains(p.getFileName().toString()))) {
                        throw new IllegalArgumentException("--keep " + options.keep()
                                + " already holds a bundle, keys or a report: give an empty or new directory");
                    }
                }
                return options.keep().toAbsolutePath();
            }
            return Files.createTempDirectory("ferry-rehearsal-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveSingleBundle(Path exports, Path bundle) throws IOException {
        List<Path> made;
        try (Stream<Path> s = Files.list(exports)) {
            made = s.filter(p -> p.getFileName().toString().endsWith(".ferry")).toList();
        }
        if (made.size() != 1) {
            throw new IllegalStateException("ferry-export run should have written one *.ferry bundle in " + exports + ", found " + made);
        }
        Files.move(made.get(0), bundle);
        Files.delete(exports);
    }

    private static int export(String... args) {
        return CliRunner.run("ferry-export", new ExportCli(), args);
    }

    private static int importer(String... args) {
        return CliRunner.run("ferry-import", new ImportCli(), args);
    }

    private static int importer(List<String> args) {
        return importer(args.toArray(String[]::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
