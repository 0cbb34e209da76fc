package dev.ferry.importer.cli;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.common.ExitCode;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.report.HtmlReport;
import dev.ferry.importer.report.JsonReport;
import dev.ferry.importer.report.TerminalReport;
import dev.ferry.importer.validate.BundleFacts;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.TargetConnector;
import dev.ferry.importer.validate.ValidationRecord;
import dev.ferry.importer.validate.ValidationReport;
import dev.ferry.importer.validate.Validator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry-import validate}: the runbook's §1.6 checklist as a command. Reads the Target; writes nothing to it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Prove that the Target holds what the bundle carries (runbook §1.6), and list what still needs a person.",
            "It checks per table the row count and content fingerprint; the whole Keycloak realm section by section (settings, "
            + "roles, clients with their secrets by hash, scope mappings, authorization, groups, users and memberships, service "
            + "accounts, identity providers, and with the offline export the realm keys and password hashes); the filtered "
            + "OpenFGA tuple set; every object's size and SHA-256; and the cross-store invariants. It reads the Target and "
            + "writes nothing to it.",
            "It exits 0 only if every check passes, 5 if the Target differs, and 4 if a store could not be read."})
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Option(names = "--deep", description = "After a delta: hash every object of the freeze catalog again, instead of checking"
            + " objects hashed by an earlier validate and not carried since by size and Target ETag.")
    boolean deep;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report for management.")
    Path report;

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        Instant started = clock.instant();
        Path bundle = target.bundle();
        TargetConfig config = TargetConfig.load(target.config());
        Set<String> only = new LinkedHashSet<>(target.stores());
        SignerKey signerKey = target.keys().signer();
        DecryptionKey key = target.keys().decryptionKey("validate");
        output.status("Verifying bundle " + bundle + " (signatures, checksums, counts) before reading the Target ...");
        VerifiedBundle verified = BundleVerifier.verify(bundle, signerKey, key);
        Duration verifyTime = Duration.between(started, clock.instant());
        var m = verified.manifest();
        BundleFacts facts = new BundleFacts(m.bundleId(), m.sourceLabel(), m.createdAt(), m.toolVersion(), signerKey.fingerprint());
        ValidationReport result;
        try (TargetConnector connector = new TargetConnector(config, m.bundleId(), only)) {
            result = new Validator(clock, config.stateDirPath(), deep).validate(verified, connector.stores(), only, facts, started, verifyTime);
        }
        // For the migration report (ferry-import report), which follows the passes from the Target's state dir.
        ValidationRecord.of(result, deep).write(config.stateDirPath());
        output.result(new JsonReport().toJson(result), out -> new TerminalReport().render(result, out));
        if (report != null) {
            new HtmlReport().write(result, report);
            if (!output.json()) {
                output.out().println("HTML report: " + report.toAbsolutePath());
            }
        }
        return outcome(result);
    }

    /** Exit 0 on a pass; otherwise the error kind that carries the right exit code and a line the operator can act on. */
    private static Integer outcome(ValidationReport result) {
        if (result.exitCode() == ExitCode.OK) {
            return ExitCode.OK.code();
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
