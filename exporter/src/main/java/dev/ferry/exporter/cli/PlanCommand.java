package dev.ferry.exporter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.plan.Plan;
import dev.ferry.exporter.plan.PlanBuilder;
import dev.ferry.exporter.plan.PlanPrinter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry-export plan}: read-only measurements of the Source, an estimate, and every blocking problem. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Connect read-only to the Source and measure what the export will carry: rows and sizes per table, "
            + "Keycloak users, groups, WebAuthn users and users without a carried password hash, OpenFGA tuples, "
            + "objects per bucket; estimate the bundle size and export time.",
            "Exits non-zero with the list of problems when something the export needs is missing or unreadable."})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Override
    public Integer call() throws Exception {
        SourceConfig config = source.loadConfig();
        Plan plan = new PlanBuilder(config, source.config, source.storeKinds(), source.offline(config)).build();
        if (source.json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plan));
        } else {
            PlanPrinter.print(plan, System.out);
        }
        System.out.flush();
        return plan.exitCode();
    }
}
