package dev.ferry.tests.harness;

import java.nio.file.Path;

/** The Keycloak distribution zip and the cached, already-initialised copy made from it. */
final class KeycloakDistribution {
    private final Path zip;
    private final Path cacheDir;

    KeycloakDistribution(Path zip, Path cacheDir) {
        this.zip = zip;
        this.cacheDir = cacheDir;
    }

    Path zip() {
        return zip;
    }

    Path cacheDir() {
        return cacheDir;
    }
}
