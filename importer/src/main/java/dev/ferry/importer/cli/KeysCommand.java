package dev.ferry.importer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: being built. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "(being built)")
public final class KeysCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("ferry-import keys is not built yet");
    }
}
