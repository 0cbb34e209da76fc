package dev.ferry.exporter.config;

import dev.ferry.stores.config.ConfigSection;
import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigLoader;
import dev.ferry.stores.config.KeycloakConfig;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.config.PostgresConfig;
import dev.ferry.stores.config.ObjectsConfig;

import dev.ferry.common.ConfigException;
import java.nio.file.Path;

/**
 * The whole of source.yaml. Each store section is optional at load time, because {@code --stores} may leave a store
 * out; {@link #require} is asked for a section only when its store is exported.
 */
public record SourceConfig(PostgresConfig postgres, KeycloakConfig keycloak, OpenFgaConfig openfga,
        ObjectsConfig objects, SourceLabel source) implements ConfigSection {

    /** The example every message about source.yaml points at. */
    public static final String EXAMPLE = "docs/source.example.yaml";

    public static SourceConfig load(Path file) {
        return ConfigLoader.load(file, SourceConfig.class, EXAMPLE);
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
            if (objects.buckets() == null) {
                throw keys.at("objects").missing("buckets");
            }
        }
        if (postgres == null && keycloak == null && openfga == null && objects == null) {
            throw new ConfigException(keys.fileName() + " describes no store",
                    "Add at least one of the sections postgres, keycloak, openfga, objects (see " + keys.example() + ").");
        }
    }

    /** The label written in cleartext into the manifest. */
    public String label() {
        return source == null || source.label() == null || source.label().isBlank() ? "kea" : source.label();
    }

    /** The section a chosen store needs, or a ConfigException naming the missing section. */
    public static <T> T require(T section, String name, Path configFile) {
        if (section == null) {
            throw new ConfigException(configFile.getFileName() + ": missing section '" + name
                    + "', needed to export the store " + name, "Add the " + name
                    + " section, or leave " + name + " out with --stores.");
        }
        return section;
    }

    /** The {@code source:} section. */
    public record SourceLabel(String label) {
    }
}
