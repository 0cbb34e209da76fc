package dev.ferry.importer.cli;

import dev.ferry.cli.output.OutputOptions;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.common.ExitCode;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.load.LoadOptions;
import dev.ferry.importer.load.LoadRunner;
import dev.ferry.importer.load.LoadSummary;
import dev.ferry.importer.report.LoadSummaryPrinter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Verify the whole bundle, then load the Target in the runbook's order: Keycloak, OpenFGA, PostgreSQL, objects.",
            "Nothing is written if verification fails or if any Target store would refuse the bundle (a schema difference, "
            + "conflicting users or rows).",
            "A journal in the state directory makes the load resumable (--resume) and a re-run harmless."})
public final class LoadCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Option(names = "--dry-run", description = "Verify the bundle and check the Target (schema, conflicts, realm), and print what "
            + "would be written; write nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Continue a load that stopped (crash, Ctrl-C) from its journal.")
    boolean resume;

    @Option(names = "--keycloak-overwrite",
            description = "Merge into an existing realm with OVERWRITE: it re-creates groups, roles and clients and WIPES "
                    + "Target-only memberships and role mappings.")
    boolean keycloakOverwrite;

    @Override
    public Integer call() {
        Path bundle = target.bundle();
        BundleKeyOptions keys = target.keys();
        LoadOptions options = new LoadOptions(bundle, target.config(), keys.signerFile(), keys.decryptionKeyFile("load"),
                keys.passphrase("load"), target.stores(), dryRun, resume, keycloakOverwrite);
        Thread onInterrupt = interruptNotice(output.err());
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        LoadSummary summary;
        try {
            summary = new LoadRunner(output.progress()).run(options);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook tells the operator how to resume.
            }
        }
        output.result(summary, out -> LoadSummaryPrinter.print(summary, out));
        return ExitCode.OK.code();
    }

    /**
     * On Ctrl-C (or SIGTERM) the JVM exits with 130 (143) and runs this hook. Nothing needs undoing: every store step
     * is a transaction, an idempotent request or a checksummed upload, and the journal is replaced atomically, so it
     * still records exactly what finished. The operator only needs to know that, and how to continue.
     */
    private Thread interruptNotice(TerminalWriter err) {
        String journal = journalDir();
        return new Thread(() -> {
            err.println();
            if (dryRun) {
                err.println("ferry-import: interrupted during a dry run; nothing was written.");
                err.flush();
                return;
            }
            err.println("ferry-import: interrupted. The Target may hold part of this bundle; the journal in " + journal
                    + " records every step that finished.");
            err.println("  What to do: re-run the same command with --resume to continue without duplicating anything.");
            err.flush();
        }, "ferry-import-interrupted");
    }

    private String journalDir() {
        try {
            return TargetConfig.load(target.config()).stateDirPath().toString();
        } catch (RuntimeException unreadable) {
            return "the state dir"; // the load itself reports what is wrong with the config
        }
    }
}
