package dev.ferry.tests.harness;

import java.nio.file.Path;

/** Chooses and starts the implementation of each store for the resolved mode. */
final class StoreFactory {
    private final HarnessOptions options;
    private final boolean containers;
    private final String modeExplanation;
    private final KeycloakDistribution keycloakDist;

    private StoreFactory(HarnessOptions options, boolean containers, String modeExplanation) {
        this.options = options;
        this.containers = containers;
        this.modeExplanation = modeExplanation;
        this.keycloakDist = containers ? null : new KeycloakDistribution(options.keycloakDist(), options.cacheDir());
    }

    static StoreFactory forOptions(HarnessOptions options) {
        return switch (options.mode()) {
            case LOCAL -> new StoreFactory(options, false, "local processes, forced by " + forcedBy());
            case CONTAINERS -> {
                DockerProbe.requireDocker();
                yield new StoreFactory(options, true, "containers, forced by " + forcedBy());
            }
            case AUTO -> DockerProbe.dockerAvailable()
                    ? new StoreFactory(options, true, "containers, because a Docker engine answers")
                    : new StoreFactory(options, false, "local processes, because no Docker engine answers");
        };
    }

    String modeExplanation() {
        return modeExplanation;
    }

    PostgresServer postgres(Role role, Path dir) {
        return containers ? PostgresContainerServer.start(role) : EmbeddedPostgresServer.start(role, dir);
    }

    KeycloakServer keycloak(Role role, Path dir) {
        return containers ? KeycloakContainerServer.start(role) : KeycloakProcess.start(role, keycloakDist, dir);
    }

    S3Server s3(Role role, Path dir) {
        if (containers) {
            return MinioContainerServer.start(role);
        }
        return Executables.onPath("minio").<S3Server>map(minio -> MinioProcess.start(role, minio, dir))
                .orElseGet(() -> S3ProxyServer.start(role, dir));
    }

    OpenFgaServer openfga(Role role, Path dir) {
        if (containers) {
            return OpenFgaContainerServer.start(role);
        }
        return Executables.onPath("openfga").<OpenFgaServer>map(fga -> OpenFgaProcess.start(role, fga, dir))
                .orElseGet(() -> OpenFgaEmulatorServer.start(role));
    }

    private static String forcedBy() {
        return System.getProperty(HarnessOptions.MODE_PROPERTY) != null ? "-D" + HarnessOptions.MODE_PROPERTY
                : System.getenv(HarnessOptions.MODE_ENV) != null ? HarnessOptions.MODE_ENV : "HarnessOptions.mode";
    }
}
