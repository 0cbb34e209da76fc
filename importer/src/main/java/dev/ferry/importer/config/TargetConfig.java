package dev.ferry.importer.config;

import java.nio.file.Path;

/**
 * The Target side's configuration (target.yaml). A store section is null when the file does not configure that store;
 * loading a store that is not configured is a configuration error raised by the load, naming the section.
 *
 * @param source   the file it was read from, for error messages
 * @param stateDir where the load journal lives (default ~/.ferry/state)
 */
public record TargetConfig(Path source, Path stateDir, PostgresTarget postgres, KeycloakTarget keycloak, OpenFgaTarget openfga,
        ObjectsTarget objects) {
}
