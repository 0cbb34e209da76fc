package dev.ferry.importer.cli;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.load.LoadRunner;
import dev.ferry.importer.report.HtmlReport;
import dev.ferry.importer.report.JsonReport;
import dev.ferry.importer.report.TerminalReport;
import dev.ferry.importer.validate.BundleFacts;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.TargetConnector;
import dev.ferry.importer.validate.ValidationReport;
import dev.ferry.importer.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry-import validate}: the runbook's §1.6 checklist as a command. Reads the Target; writes nothing to it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Prove that the Target holds what the bundle carries (runbook §1.6): per table the row count and content "
                + "fingerprint, Keycloak users, groups and memberships, the filtered OpenFGA tuple set, every object's size and "
                + "SHA-256, and the cross-store invariants. Lists what still needs a person.",
            "Exits 0 only if every check passes; 5 if the Target differs; 4 if a store could not be read."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory.")
    Path bundle;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Target configuration (target.yaml).")
    Path config;

    @Mixin
    BundleKeyOptions keys;

    @Option(names = "--stores", split = ",", paramLabel = "STORE",
            description = "Validate only these stores (postgres, keycloak, openfga, objects); default: every store in the bundle.")
    List<String> stores = List.of();

    @Option(names = "--deep", description = "After a delta: hash every object of the freeze catalog again, instead of checking"
            + " objects hashed by an earlier validate and not carried since by size and Target ETag.")
    boolean deep;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report for management.")
    Path report;

    @Option(names = "--verbose", description = "Print stack traces of errors (for bug reports).")
    boolean verbose;

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        TargetConfig target = TargetConfig.load(config);
        for (String s : stores) {
            if (!LoadRunner.ORDER.contains(s)) {
                throw new ConfigException("--stores names '" + s + "', which is not a store", "use any of " + String.join(",", LoadRunner.ORDER));
            }
        }
        SignerKey signerKey = KeyFiles.signer(keys.signer());
        DecryptionKey key = KeyFiles.decryptionKey(keys.decryptionKey(), keys.passphrase());
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            err.println("Verifying bundle " + bundle + " (signatures, checksums, counts) before reading the Target ...");
            err.flush();
        }
        VerifiedBundle verified = BundleVerifier.verify(bundle, signerKey, key);
        Duration verifyTime = Duration.between(started, clock.instant());
        var m = verified.manifest();
        BundleFacts facts = new BundleFacts(m.bundleId(), m.sourceLabel(), m.createdAt(), m.toolVersion(), signerKey.fingerprint());
        ValidationReport result;
        try (TargetConnector connector = new TargetConnector(target, m.bundleId(), new LinkedHashSet<>(stores))) {
            result = new Validator(clock, target.stateDirPath(), deep).validate(verified, connector.stores(), new LinkedHashSet<>(stores), facts, started, verifyTime);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonReport().render(result, out);
        } else {
            new TerminalReport().render(result, out);
        }
        if (report != null) {
            new HtmlReport().write(result, report);
            if (!json) {
                out.println("HTML report: " + report.toAbsolutePath());
                out.flush();
            }
        }
        return outcome(result);
    }

    /** Exit 0 on a pass; otherwise the error kind that carries the right exit code and a line the operator can act on. */
    private static Integer outcome(ValidationReport result) {
        if (result.exitCode() == ExitCode.OK) {
            return 0;
        }
        String first = result.checks().stream().filter(c -> !c.passed()).findFirst().map(ValidateCommand::summary).orElse("");
        if (result.exitCode() == ExitCode.STORE) {
            throw new StoreException(result.count(CheckStatus.ERROR) + " validation check(s) could not read their store; first: " + first,
                    "fix the store access named above and re-run validate; do not cut over until it passes");
        }
        throw new MismatchException(result.count(CheckStatus.FAIL) + " of " + result.checks().size()
                + " validation checks found differences; first: " + first,
                "do not cut over. Read the differences above; re-run 'ferry-import load --resume' if the load was incomplete, then validate again");
    }

    private static String summary(CheckResult c) {
        return c.title() + (c.differences().isEmpty() ? "" : " — " + c.differences().get(0));
    }

}
