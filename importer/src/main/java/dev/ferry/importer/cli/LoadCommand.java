package dev.ferry.importer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being built. */
@Command(name = "load", mixinStandardHelpOptions = true, description = "(being built)")
public final class LoadCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ferry-import load is not built yet");
    }
}
