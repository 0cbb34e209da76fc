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
import dev.ferry.tests.upgrade.UpgradeFixture;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * <p>Then the freeze pass (unless {@code --single-pass}): users change the Source during the window ({@link FreezeWindow}:
 * documents, objects, rows, tuples, users, memberships and a password), then {@code ferry-export plan} and
 * {@code run --since} the first bundle, verify, load onto the same Target, validate, logins on the Target with the
 * changed password and as the new user, and {@code ferry-import report} writes the migration report a manager
 * reads: plan, both passes, validation and the go / no-go decision.
 *
 * <p>Then chapter 2 (unless {@code --chapter1-only}): on the same Target servers, swift's schema and model are created
 * beside a kea shaped like fred-stores.md §7 (the {@code swift/rehearsal} fixture: a GAP agent, an IGNORED sample, a
 * personal and a team agent, a chat-context resource, nested tags, a team without a teammetadata row, a member known
 * only from Keycloak); then upgrade plan, upgrade, and validate, which must refuse the cutover for exactly the
 * fixture's GAP and nothing else; then the GAP is resolved as the operator guide says (its template is added to
 * {@code templates.mapping} in upgrade.yaml) and upgrade and validate run again, and must pass.
 *
 * <p>{@code --keep DIR} keeps {@code DIR/bundle/} and {@code DIR/freeze-bundle/}, the keys in {@code DIR/keys/}
 * (signer.pub.asc, signer.sec.asc, recipient.pub.asc, recipient.sec.asc; no passphrase) and the reports
 * ({@code report.html}, {@code freeze-report.html}, {@code migration.html}); without it everything goes into a
 * temporary directory that is removed at the end, except the reports, which are kept and printed.
 */
public final class Rehearsal {
    static final int STEPS = 11;
    static final int FREEZE_STEPS = 11;
    static final int UPGRADE_STEPS = 7;
    static final String USAGE = "Usage: bin/ferry-rehearse [--keep DIR] [--profile runbook|small] [--seed N] [--single-pass] [--chapter1-only]";
    /** The rehearsal fixture's GAP: agent "Deep researcher", template v2.deep.basic, which swift does not serve. */
    static final String GAP_AGENT = "a3e5c7b9-1d2f-4a6b-8c0d-e2f4a6b8c0d1";
    static final String GAP_TEMPLATE = "v2.deep.basic";
    /** What the operator maps it to in the rehearsal: swift's general assistant template. */
    static final String GAP_RESOLUTION = "fred-agents:fred.github.assistant";

    /**
     * @param keep    where to keep the bundle, keys and report; null for a temporary directory
     * @param seed    the data generator's seed
     * @param profile the kea deployment to generate
     * @param upgrade whether chapter 2 (kea → swift on the Target) follows chapter 1
     * @param freeze  whether the freeze pass (changes on the Source, the delta bundle, its load and validate) follows
     *                the first pass
     */
    public record Options(Path keep, long seed, Profile profile, boolean upgrade, boolean freeze) {
        public Options(Path keep, long seed, Profile profile) {
            this(keep, seed, profile, true, true);
        }

        static Options parse(String... args) {
            Path keep = null;
            long seed = 42;
            Profile profile = Profile.runbook();
            boolean upgrade = true;
            boolean freeze = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keep" -> keep = Path.of(value(args, ++i, "--keep"));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                    case "--profile" -> profile = profile(value(args, ++i, "--profile"));
                    case "--chapter1-only" -> upgrade = false;
                    case "--single-pass" -> freeze = false;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(keep, seed, profile, upgrade, freeze);
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
    public record Result(Path bundle, Path keys, Path report, Path upgradeReport, Path freezeBundle, Path freezeReport, Path migrationReport) {
    }

    private final Options options;
    private final PrintStream out;

    public Rehearsal(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            System.out.println("""
                    The whole migration on embedded stores. Chapter 1: start a Source and a Target, seed the Source with the
                    kea deployment of the profile, make throwaway keys, then ferry-export plan and run, ferry-import verify
                    (without, then with the key), load and validate: the first pass, made while the Source is live.
                    Then the freeze pass (default): documents, objects, rows, tuples, users, a password and memberships change
                    on the Source, then ferry-export plan and run --since the first bundle, verify, load onto the same Target,
                    validate, log in on the Target with the changed password, and ferry-import report writes migration.html.
                    Chapter 2 (default; a few seconds): on the Target, create swift's schema and model beside a kea shaped like
                    fred-stores.md §7 that holds one GAP agent on purpose, then ferry-import upgrade plan, upgrade and
                    upgrade validate, which must refuse the cutover for exactly that GAP; then resolve the GAP as an operator
                    would (map its template in upgrade.yaml's templates.mapping) and run upgrade and validate again (exit 0).
                      --keep DIR        keep the bundle, keys, configs and reports in DIR (default: a temporary directory;
                                        only the reports are kept)
                      --profile NAME    runbook (500 users, 1,500 agents, 3,000 documents; default) or small
                      --seed N          the data generator's seed (default 42)
                      --single-pass     stop after the first pass (no changes on the Source, no freeze bundle)
                      --chapter1-only   stop after chapter 1 (no kea → swift upgrade)""");
            System.exit(0);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ferry-rehearse: " + e.getMessage());
            System.err.println("  " + USAGE);
            System.exit(2);
            return;
        }
        System.exit(new Rehearsal(options, System.out).runOnFreshStores());
    }

    /** Starts its own stores, with kea's real names (realm app, store kea, buckets kea-…, database fred). */
    public int runOnFreshStores() {
        Steps steps = new Steps(out, totalSteps());
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
        Steps steps = new Steps(out, totalSteps());
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

    private int totalSteps() {
        return STEPS + (options.freeze() ? FREEZE_STEPS : 0) + (options.upgrade() ? UPGRADE_STEPS : 0);
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
        Path freezeBundle = work.resolve("freeze-bundle");
        Path freezeReport = work.resolve("freeze-report.html");
        Path migrationReport = work.resolve("migration.html");
        RehearsalConfigs.Written[] configs = new RehearsalConfigs.Written[1];
        KeaDataset[] dataset = new KeaDataset[1];
        try {
            steps.run("Seed the Source with the " + options.profile().name() + " kea deployment (seed " + options.seed() + ")", () -> {
                KeaDataset data = KeaGenerator.generate(options.profile(), options.seed());
                dataset[0] = data;
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
            // The first pass runs while the Source is in use: --live skips the freeze guard, and the manifest says so.
            steps.run("ferry-export run" + (options.freeze() ? " --live (the first pass, while the Source is in use)" : ""),
                    () -> export(concat(List.of("run", "--config", sourceYaml.toString(), "--recipient",
                    keys.resolve("recipient.pub.asc").toString(), "--signing-key", keys.resolve("signer.sec.asc").toString(),
                    "--out", exports.toString(), "--keycloak-realm-file", realmFile.toString()),
                    options.freeze() ? List.of("--live") : List.of())));
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
            if (options.freeze()) {
                new FreezePass(steps, out, stores, source, target, names, work, keys, keyArgs).run(dataset[0], options.seed(),
                        sourceYaml, targetYaml, bundle, freezeBundle, freezeReport, migrationReport);
            }
            if (options.upgrade()) {
                upgrade(steps, stores, work);
            }
        } finally {
            // The secrets the configs point at, and the offline realm export, are the only files that must never be kept.
            deleteTree(work.resolve("secrets"));
            if (options.keep() == null) {
                // Only the report outlives a rehearsal run without --keep.
                for (String name : List.of("exports", "bundle", "freeze-exports", "freeze-bundle", "keys", "state", "upgrade")) {
                    deleteTree(work.resolve(name));
                }
            }
        }
        return new Result(bundle, keys, report, options.upgrade() ? work.resolve("upgrade-report.html") : null,
                options.freeze() ? freezeBundle : null, options.freeze() ? freezeReport : null, options.freeze() ? migrationReport : null);
    }

    /**
     * Chapter 2 on the Target's servers, under unique names (database kea_*, swift_*, realm app_*, stores kea-* and
     * fred-*), so it shares the servers with chapter 1 and disturbs nothing there.
     */
    private void upgrade(Steps steps, Stores stores, Path work) {
        Path dir = work.resolve("upgrade");
        Path gapReport = work.resolve("upgrade-report-with-gap.html");
        Path report = work.resolve("upgrade-report.html");
        UpgradeFixture[] fixture = new UpgradeFixture[1];
        try {
            steps.run("Chapter 2: create swift's schema and model on the Target, beside a kea shaped like fred-stores.md §7", () -> {
                fixture[0] = new UpgradeFixture(stores, "rehearsal", "reh" + Long.toString(System.nanoTime() % 1_000_000, 36), dir);
                out.println("      kea database " + fixture[0].keaDb.database() + ", swift database " + fixture[0].swiftDb.database()
                        + ", realm " + fixture[0].realm + ", OpenFGA stores " + fixture[0].keaStore + " → " + fixture[0].swiftStore);
                return 0;
            });
            String config = fixture[0].config.toString();
            steps.run("ferry-import upgrade plan (lists the GAP and the private team that needs a person)", () -> {
                Captured plan = captured("upgrade", "plan", "--config", config);
                return plan.code() != 0 ? plan.code() : require(plan.out().contains("GAP " + GAP_AGENT), "the plan does not list the GAP agent " + GAP_AGENT);
            });
            steps.run("ferry-import upgrade", () -> importer("upgrade", "--config", config));
            steps.run("ferry-import upgrade validate: refuses the cutover for exactly the GAP, and nothing else", () -> {
                Captured v = captured("upgrade", "validate", "--config", config, "--report", gapReport.toString());
                List<String> failed = v.out().lines().filter(l -> l.startsWith("FAIL")).toList();
                if (v.code() != 5) {
                    return require(false, "validate should refuse the cutover (exit 5) while the GAP is there, but exited " + v.code());
                }
                return require(failed.equals(List.of("FAIL  No GAP agent: 1 finding(s)")) && v.out().contains(GAP_AGENT),
                        "validate should fail only on the GAP agent " + GAP_AGENT + ", but failed: " + failed);
            });
            steps.run("Resolve the GAP as an operator would: templates.mapping " + GAP_TEMPLATE + " → " + GAP_RESOLUTION + " in upgrade.yaml", () -> {
                Files.writeString(fixture[0].config, "templates:\n  mapping:\n    " + GAP_TEMPLATE + ": " + GAP_RESOLUTION + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
                return 0;
            });
            steps.run("ferry-import upgrade, again (writes the now-mapped agent; changes nothing else)", () -> importer("upgrade", "--config", config));
            steps.run("ferry-import upgrade validate: zero GAPs, every check passing", () -> importer("upgrade", "validate", "--config", config,
                    "--report", report.toString()));
        } finally {
            if (fixture[0] != null) {
                fixture[0].close();
            }
            deleteTree(dir.resolve("secrets"));
        }
    }

    private record Captured(int code, String out) {
    }

    /** Runs ferry-import, printing its output as usual and keeping a copy to check. */
    private static Captured captured(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                old.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                old.write(b, off, len);
                copy.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            return new Captured(importer(args), copy.toString(StandardCharsets.UTF_8));
        } finally {
            System.out.flush();
            System.setOut(old);
        }
    }

    private static int require(boolean ok, String otherwise) {
        if (!ok) {
            throw new IllegalStateException(otherwise);
        }
        return 0;
    }

    private int report(Result result) {
        out.println();
        out.println("Rehearsal passed: plan, export, verify, load and validate all succeeded"
                + (result.freezeReport() != null ? " for the first pass and the freeze pass" : "")
                + (result.upgradeReport() != null ? "; chapter 2 refused the GAP, then upgraded and validated once it was resolved." : "."));
        out.println("  Validation report: " + result.report().toAbsolutePath());
        if (result.freezeReport() != null) {
            out.println("  Freeze validation: " + result.freezeReport().toAbsolutePath());
            out.println("  Migration report:  " + result.migrationReport().toAbsolutePath());
        }
        if (result.upgradeReport() != null) {
            out.println("  Upgrade report:    " + result.upgradeReport().toAbsolutePath());
        }
        if (options.keep() != null) {
            out.println("  Bundle:            " + result.bundle().toAbsolutePath());
            if (result.freezeBundle() != null) {
                out.println("  Freeze bundle:     " + result.freezeBundle().toAbsolutePath());
            }
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
                    if (s.anyMatch(p -> List.of("bundle", "freeze-bundle", "keys", "report.html").contains(p.getFileName().toString()))) {
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

    static void moveSingleBundle(Path exports, Path bundle) throws IOException {
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

    static int export(String... args) {
        return CliRunner.run("ferry-export", new ExportCli(), args);
    }

    static int export(List<String> args) {
        return export(args.toArray(String[]::new));
    }

    static int importer(String... args) {
        return CliRunner.run("ferry-import", new ImportCli(), args);
    }

    static int importer(List<String> args) {
        return importer(args.toArray(String[]::new));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void deleteTree(Path dir) {
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
