package dev.ferry.exporter.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.plan.Plan;
import dev.ferry.exporter.plan.PlanBuilder;
import dev.ferry.exporter.plan.PlanPrinter;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.common.ConfigException;
import dev.ferry.exporter.state.ExporterState;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry-export plan}: read-only measurements of the Source, an estimate, and every blocking problem. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Connect read-only to the Source and measure what the export will carry: rows and sizes per table, "
            + "Keycloak users, groups, WebAuthn users and users without a carried password hash, OpenFGA tuples, "
            + "objects per bucket; estimate the bundle size and export time.",
            "With --since BASE: what the delta will carry (objects added, changed and deleted since BASE, with bytes) and its size and time.",
            "Exits non-zero with the list of problems when something the export needs is missing or unreadable."})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Mixin
    DeltaOptions delta;

    @Option(names = "--signing-key", paramLabel = "KEY",
            description = "With --since: the exporter's armored secret signing key, which alone opens BASE's exporter state.")
    Path signingKey;

    @ArgGroup(exclusive = true)
    RunCommand.PassphraseSource passphrase;

    @Override
    public Integer call() throws Exception {
        SourceConfig config = source.loadConfig();
        delta.validate(source.storeKinds());
        PlanBuilder builder = new PlanBuilder(config, source.config, source.storeKinds(), source.offline(config));
        if (delta.delta()) {
            if (signingKey == null) {
                throw new ConfigException("plan --since needs --signing-key: BASE's exporter state is sealed to the signing key alone",
                        "add --signing-key with the key that made BASE (and --passphrase-env or --passphrase-file if it has one)");
            }
            ExporterState base = delta.base(KeyFiles.signingKey(signingKey, passphrase == null ? Passphrase.none() : passphrase.get()));
            builder.since(base, delta.rule(base));
        }
        Plan plan = builder.build();
        if (source.json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plan));
        } else {
            PlanPrinter.print(plan, System.out);
        }
        System.out.flush();
        return plan.exitCode();
    }
}
