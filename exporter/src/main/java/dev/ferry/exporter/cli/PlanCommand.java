package dev.ferry.exporter.cli;

import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.common.ExitCode;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.plan.Plan;
import dev.ferry.exporter.plan.PlanBuilder;
import dev.ferry.exporter.plan.PlanPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry-export plan}: read-only measurements of the Source, an estimate, and every blocking problem. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Measure the Source read-only and estimate the export.",
            "It reports rows and sizes per table; Keycloak users, groups, WebAuthn users and users without a carried password "
            + "hash; OpenFGA tuples; objects per bucket; and estimates the bundle size and the export time. When something "
            + "the export needs is missing or unreadable, it lists every such problem and exits non-zero."})
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.STORE, ExitCode.INTERRUPTED})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        SourceConfig config = source.loadConfig();
        Plan plan = new PlanBuilder(config, source.config, source.storeKinds(), source.offline(config)).build();
        output.result(plan, out -> PlanPrinter.print(plan, out));
        return plan.exitCode();
    }
}
