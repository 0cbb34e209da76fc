package dev.ferry.importer.cli;

import dev.ferry.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The BUNDLE argument of verify, load and validate, and the one check that it names a bundle directory. */
public final class BundleArgument {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory (<name>.ferry).")
    Path bundle;

    /** The bundle directory; a path that names no directory is a usage error (exit 2), before any key or config is read. */
    public Path directory() {
        if (!Files.isDirectory(bundle)) {
            throw new ConfigException(bundle + (Files.exists(bundle) ? " is a file, not a bundle directory" : " does not exist"),
                    "give the bundle directory (<name>.ferry), e.g. /media/usb/kea-20261124T163000Z.ferry");
        }
        return bundle;
    }
}
