package dev.ferry.importer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being built. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "(being built)")
public final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ferry-import verify is not built yet");
    }
}
