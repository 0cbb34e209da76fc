package dev.ferry.importer.cli;

import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.load.ConsoleProgress;
import dev.ferry.importer.load.LoadOptions;
import dev.ferry.importer.load.LoadRunner;
import dev.ferry.importer.load.LoadSummary;
import dev.ferry.importer.load.Progress;
import dev.ferry.importer.load.SummaryPrinter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Verify the whole bundle, then load the Target in the runbook's order: Keycloak, OpenFGA, PostgreSQL, objects.",
            "Nothing is written if verification fails or if any Target store would refuse (schema diff, conflicts).",
            "A journal in the state dir makes the load resumable (--resume) and a re-run harmless."})
public final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory (<name>.ferry).")
    Path bundle;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Target configuration (see docs/target.example.yaml).")
    Path config;

    @Mixin
    BundleKeyOptions keys;

    @Option(names = "--stores", split = ",", paramLabel = "STORE",
            description = "Load only these stores (keycloak,openfga,postgres,objects). Default: all in the bundle.")
    List<String> stores = LoadRunner.ORDER;

    @Option(names = "--dry-run", description = "Verify and check the Target (schema, conflicts, realm), print what would be written; write nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Continue a load that stopped (crash, Ctrl-C), from its journal.")
    boolean resume;

    @Option(names = "--json", description = "Print the summary as JSON on stdout (no progress bars).")
    boolean json;

    @Option(names = "--keycloak-overwrite",
            description = "Merge an existing realm with OVERWRITE: re-creates groups, roles and clients and WIPES Target-only memberships and role mappings.")
    boolean keycloakOverwrite;

    @Option(names = "--verbose", description = "Print stack traces of errors (for bug reports).")
    boolean verbose;

    @Override
    public Integer call() {
        Progress progress = json ? Progress.silent() : new ConsoleProgress(System.err);
        LoadSummary summary;
        Thread onInterrupt = interruptNotice();
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            summary = new LoadRunner(progress).run(new LoadOptions(bundle, config, keys.signer(), keys.decryptionKey(),
                    keys.passphrase(), List.copyOf(stores), dryRun, resume, keycloakOverwrite));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook tells the operator how to resume.
            }
        }
        if (json) {
            SummaryPrinter.json(summary, spec.commandLine().getOut());
        } else {
            SummaryPrinter.text(summary, spec.commandLine().getOut());
        }
        return 0;
    }

    /**
     * On Ctrl-C (or SIGTERM) the JVM exits with 130 (143) and runs this hook. Nothing needs undoing: every store step
     * is a transaction, an idempotent request or a checksummed upload, and the journal is replaced atomically, so it
     * still records exactly what finished. The operator only needs to know that, and how to continue.
     */
    private Thread interruptNotice() {
        String journal = journalDir();
        return new Thread(() -> {
            System.err.println();
            if (dryRun) {
                System.err.println("ferry-import: interrupted during a dry run; nothing was written.");
                System.err.flush();
                return;
            }
            System.err.println("ferry-import: interrupted. The Target may hold part of this bundle; the journal in " + journal
                    + " records every step that finished.");
            System.err.println("  What to do: re-run the same command with --resume to continue without duplicating anything.");
            System.err.flush();
        }, "ferry-import-interrupted");
    }

    private String journalDir() {
        try {
            return TargetConfig.load(config).stateDirPath().toString();
        } catch (RuntimeException unreadable) {
            return "the state dir"; // the load itself reports what is wrong with the config
        }
    }
}
