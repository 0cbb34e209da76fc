package dev.ferry.exporter.cli;

import dev.ferry.cli.ExitCodes;
import dev.ferry.cli.output.OutputOptions;
import dev.ferry.common.ExitCode;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.plan.Plan;
import dev.ferry.exporter.plan.PlanBuilder;
import dev.ferry.exporter.plan.PlanPrinter;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.cli.passphrase.PassphraseOptions;
import dev.ferry.common.ConfigException;
import dev.ferry.exporter.state.ExporterState;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry-export plan}: read-only measurements of the Source, an estimate, and every blocking problem. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Measure the Source read-only and estimate the export.",
            "It reports rows and sizes per table; Keycloak users, teams (root groups), groups, WebAuthn users and users without "
            + "a carried password hash; OpenFGA tuples; objects per bucket; and estimates the bundle size and the export time. "
            + "When something the export needs is missing or unreadable, it lists every such problem and exits non-zero.",
            "It also runs validate's cross-store rules on the Source (every team in the tuples is a Keycloak root group, every "
            + "document tuple has a metadata row) and lists what does not hold: validate would report it on the Target. "
            + "These findings do not stop the export; docs/operator-guide-source.md says what to do about each.",
            "With --since BASE it also reports what the delta will carry: objects added, changed and deleted since BASE, "
            + "with bytes, and the delta's size and time."})
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.STORE, ExitCode.INTERRUPTED})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source;

    @Mixin
    OutputOptions output;

    @Mixin
    DeltaOptions delta;

    @Option(names = "--signing-key", paramLabel = "KEY",
            description = "With --since: the exporter's armored secret signing key, which alone opens BASE's exporter state.")
    Path signingKey;

    @Mixin
    PassphraseOptions passphrase;

    @Override
    public Integer call() {
        SourceConfig config = source.loadConfig();
        delta.validate(source.storeKinds());
        PlanBuilder builder = new PlanBuilder(config, source.config, source.storeKinds(), source.offline(config));
        if (delta.delta()) {
            if (signingKey == null) {
                throw new ConfigException("plan --since needs --signing-key: BASE's exporter state is sealed to the signing key alone",
                        "add --signing-key with the key that made BASE (and --passphrase-env or --passphrase-file if it has one)");
            }
            ExporterState base = delta.base(KeyFiles.signingKey(signingKey, passphrase.forKey(signingKey)));
            builder.since(base, delta.rule(base));
        }
        Plan plan = builder.build();
        output.result(plan, out -> PlanPrinter.print(plan, out));
        return plan.exitCode();
    }
}
