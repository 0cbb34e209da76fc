package dev.ferry.stores.config;

/** A config record that checks its own required keys once bound, so a missing value names its full key. */
public interface ConfigSection {
    void validate(ConfigKeys keys);
}
