package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether a Docker engine answers. */
final class DockerProbe {
    private DockerProbe() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static void requireDocker() {
        if (!dockerAvailable()) {
            throw new StoreException("container mode was asked for (-D" + HarnessOptions.MODE_PROPERTY + " or "
                    + HarnessOptions.MODE_ENV + "), but no Docker engine answers",
                    "start Docker (check `docker info`), or run with -D" + HarnessOptions.MODE_PROPERTY
                            + "=local to use embedded servers and local processes");
        }
    }
}
