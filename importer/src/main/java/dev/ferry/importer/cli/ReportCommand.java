package dev.ferry.importer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.common.ExitCode;
import dev.ferry.importer.config.TargetConfig;
import dev.ferry.importer.migration.Migration;
import dev.ferry.importer.migration.MigrationReader;
import dev.ferry.importer.migration.Pass;
import dev.ferry.importer.migration.StoreChanges;
import dev.ferry.importer.report.MigrationHtml;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry-import report}: the migration as a manager follows it, read from the Target's state dir alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the migration report a manager reads: the go or no-go decision and its reason, then the timeline "
            + "from the plan through each pass's export, load and validation, and what each pass carried and changed per store.",
            "It reads only the load journals and validation records in the state directory of target.yaml, so it needs no "
            + "bundle, no key and no store. It exits 0 whatever the decision; the decision is in the report and in --json."})
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.LOCAL_IO, ExitCode.INTERRUPTED})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The Target configuration the loads used (its stateDir).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the self-contained HTML report.")
    Path out;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Migration m = new MigrationReader(Clock.systemUTC()).read(TargetConfig.load(config).stateDirPath());
        new MigrationHtml().write(m, out);
        output.result(json(m), text -> {
            text.println((m.decision().go() ? "GO: " : "NO-GO: ") + m.decision().reason());
            text.println(m.passes().size() + (m.passes().size() == 1 ? " pass" : " passes") + "; migration report: " + out.toAbsolutePath());
        });
        return ExitCode.OK.code();
    }

    private ObjectNode json(Migration m) {
        ObjectNode root = JsonOutput.object();
        root.put("decision", m.decision().go() ? "GO" : "NO-GO");
        root.put("reason", m.decision().reason());
        root.put("report", out.toAbsolutePath().toString());
        ArrayNode passes = root.putArray("passes");
        for (Pass p : m.passes()) {
            ObjectNode o = passes.addObject();
            o.put("bundleId", p.bundleId());
            o.put("delta", p.delta());
            o.put("freezeGuard", p.frozen());
            o.put("loadComplete", p.loadFinished() != null);
            o.put("validation", p.validation() == null ? "NOT RUN" : p.validation().verdict());
            ArrayNode stores = o.putArray("stores");
            for (StoreChanges s : p.stores()) {
                stores.addObject().put("store", s.store()).put("loaded", s.loaded()).put("added", s.added()).put("changed", s.changed())
                        .put("removed", s.removed());
            }
        }
        return root;
    }
}
