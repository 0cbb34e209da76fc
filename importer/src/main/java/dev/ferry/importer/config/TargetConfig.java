package dev.ferry.importer.config;

import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigLoader;
import dev.ferry.stores.config.ConfigSection;
import java.nio.file.Path;

/**
 * target.yaml (docs/target.example.yaml shows every key), read by the shared {@link ConfigLoader}: the same
 * secret references, the same error messages, the same store sections plus the Target-only keys. A store section is
 * null when the file does not configure that store; loading that store is then a configuration error.
 *
 * @param stateDir where load journals live (default ~/.ferry/state)
 */
public record TargetConfig(String stateDir, PostgresTarget postgres, KeycloakTarget keycloak, OpenFgaTarget openfga,
        ObjectsTarget objects) implements ConfigSection {

    public static TargetConfig load(Path file) {
        return ConfigLoader.load(file, TargetConfig.class);
    }

    /** With an explicit environment for ${env:} references (tests). */
    public static TargetConfig load(Path file, java.util.Map<String, String> environment) {
        return ConfigLoader.load(file, TargetConfig.class, environment);
    }

    public Path stateDirPath() {
        String dir = stateDir == null || stateDir.isBlank() ? "~/.ferry/state" : stateDir;
        return dir.startsWith("~/") ? Path.of(System.getProperty("user.home"), dir.substring(2)) : Path.of(dir);
    }

    @Override
    public void validate(ConfigKeys keys) {
        if (postgres != null) {
            postgres.validate(keys.at("postgres"));
        }
        if (keycloak != null) {
            keycloak.validate(keys.at("keycloak"));
        }
        if (openfga != null) {
            openfga.validate(keys.at("openfga"));
        }
        if (objects != null) {
            objects.validate(keys.at("objects"));
        }
    }
}
