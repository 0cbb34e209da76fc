package dev.ferry.stores.config;

import dev.ferry.common.ConfigException;
import java.util.Collection;

/**
 * Where a config section sits in its file ("source.yaml", prefix "postgres"), so that every problem names the
 * file and the full key the operator has to edit, and the example that shows every key (the Source's or the Target's).
 *
 * @param example the example config to point at, e.g. "docs/target.example.yaml"
 */
public record ConfigKeys(String fileName, String prefix, String example) {
    public ConfigKeys at(String child) {
        return new ConfigKeys(fileName, key(child), example);
    }

    /** The dotted key of a child, e.g. key("url") = "postgres.url". */
    public String key(String child) {
        return prefix.isEmpty() ? child : prefix + "." + child;
    }

    public <T> T require(T value, String child) {
        boolean empty = value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
        if (empty) {
            throw missing(child);
        }
        return value;
    }

    public ConfigException missing(String child) {
        return new ConfigException(fileName + ": missing value for '" + key(child) + "'",
                "Add " + key(child) + " to " + fileName + " (see " + example + " for every key).");
    }

    public ConfigException invalid(String child, String problem, String fix) {
        return new ConfigException(fileName + ": '" + key(child) + "' " + problem, fix);
    }
}
