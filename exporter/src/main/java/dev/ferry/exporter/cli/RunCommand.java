package dev.ferry.exporter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being built. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "(being built)")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ferry-export run is not built yet");
    }
}
