package dev.ferry.importer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being built. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "(being built)")
public final class ValidateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ferry-import validate is not built yet");
    }
}
