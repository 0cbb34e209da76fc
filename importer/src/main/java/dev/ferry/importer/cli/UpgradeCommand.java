package dev.ferry.importer.cli;

import dev.ferry.cli.output.TerminalWriter;

import dev.ferry.common.ConfigException;
import dev.ferry.common.MismatchException;
import dev.ferry.importer.report.UpgradeHtmlReport;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.importer.upgrade.run.RunRecord;
import dev.ferry.importer.upgrade.run.SummaryText;
import dev.ferry.importer.upgrade.run.Upgrade;
import dev.ferry.importer.upgrade.run.UpgradeSummary;
import dev.ferry.importer.upgrade.validate.UpgradeCheck;
import dev.ferry.importer.upgrade.validate.UpgradeValidation;
import dev.ferry.importer.upgrade.validate.UpgradeValidator;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ferry-import upgrade}: chapter 2 on the Target, kea → swift (docs/operator-guide-upgrade.md). Self-contained:
 * its options, its plan and validate subcommands, its exit codes (those of the load: 2 config, 4 store, 5 refusal or
 * a failed validation).
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Chapter 2: upgrade the kea data on this Target to swift (database, OpenFGA tuples, buckets). kea is only read.",
            "The swift schema is checked first; a journal in the state dir makes the upgrade resumable (--resume) and a re-run harmless."},
        subcommands = {UpgradeCommand.Plan.class, UpgradeCommand.Validate.class})
public final class UpgradeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The upgrade configuration (see docs/upgrade.example.yaml).")
    Path config;

    @Option(names = "--dry-run", description = "Check the swift schema and print the plan (GAPs, teams that need a person, counts); write nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Continue an upgrade that stopped (crash, Ctrl-C), from its journal.")
    boolean resume;

    @Option(names = "--report", paramLabel = "FILE", description = {"Also write the HTML report for management (plan, run with its figures and times; "
            + "validation is added by 'upgrade validate --report')."})
    Path report;

    @Override
    public Integer call() {
        UpgradeConfig c = load(config);
        UpgradeSummary s = new Upgrade(c, TerminalWriter.err(spec).stream()).run(dryRun, resume);
        TerminalWriter out = TerminalWriter.out(spec);
        SummaryText.print(s, out);
        if (report != null) {
            UpgradeHtmlReport.write(s, dryRun ? Optional.empty() : RunRecord.last(c), Optional.empty(), report);
            out.println("Report: " + report);
            out.flush();
        }
        return 0;
    }

    static UpgradeConfig load(Path file) {
        if (file == null) {
            throw new ConfigException("no upgrade configuration given", "pass --config upgrade.yaml (docs/upgrade.example.yaml lists every key)");
        }
        return UpgradeConfig.load(file);
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Print what the upgrade would write (the same as --dry-run); write nothing.")
    static final class Plan implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        UpgradeCommand parent;

        @Option(names = "--config", paramLabel = "FILE", description = "The upgrade configuration.")
        Path config;

        @Override
        public Integer call() {
            UpgradeConfig c = load(config != null ? config : parent.config);
            SummaryText.print(new Upgrade(c, TerminalWriter.err(spec).stream()).run(true, false), TerminalWriter.out(spec));
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check swift against kea (runbook §2.5): row counts, agent teams and templates, unique team names, personal teams, the tuple set and every object's SHA-256.",
                "Exit 0 only with zero GAPs and every check passing."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        UpgradeCommand parent;

        @Option(names = "--config", paramLabel = "FILE", description = "The upgrade configuration.")
        Path config;

        @Option(names = "--report", paramLabel = "FILE", description = "Also write an HTML report for management.")
        Path report;

        @Override
        public Integer call() {
            UpgradeConfig c = load(config != null ? config : parent.config);
            UpgradeValidation v = new UpgradeValidator(c, TerminalWriter.err(spec).stream()).validate();
            TerminalWriter out = TerminalWriter.out(spec);
            for (UpgradeCheck check : v.checks()) {
                out.println((check.passed() ? "PASS  " : "FAIL  ") + check.name() + ": " + check.detail());
                check.findings().forEach(f -> out.println("        " + f));
            }
            if (!v.expected().needsAPerson().isEmpty()) {
                out.println("NEEDS A PERSON (" + v.expected().needsAPerson().size() + "): swift makes every team readable by every user:");
                v.expected().needsAPerson().forEach(r -> out.println("        " + r.sentence()));
            }
            if (report != null) {
                UpgradeHtmlReport.write(v.expected(), RunRecord.last(c), Optional.of(v), report);
                out.println("Report: " + report);
            }
            out.flush();
            if (!v.passed()) {
                throw new MismatchException("swift does not pass validation (" + v.expected().gaps().size() + " GAP(s), "
                        + v.checks().stream().filter(x -> !x.passed()).count() + " failed check(s)): do not switch the ingress",
                        "resolve each GAP and FAIL listed above, run the upgrade again, then validate again");
            }
            out.println("swift passes validation: zero GAPs, every check passing.");
            out.flush();
            return 0;
        }
    }
}
