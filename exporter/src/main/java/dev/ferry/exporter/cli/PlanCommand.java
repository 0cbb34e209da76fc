package dev.ferry.exporter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being built. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "(being built)")
public final class PlanCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ferry-export plan is not built yet");
    }
}
