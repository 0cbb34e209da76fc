package dev.ferry.stores.config;

import java.util.List;

/**
 * Buckets by exact name, or by prefix: real bucket names are a configured prefix plus a runtime suffix
 * ("kea-knowledge-flow-content" + "-documents"), so a prefix catches them all.
 */
public record BucketSelection(List<String> names, List<String> prefixes) implements ConfigSection {
    public BucketSelection {
        names = names == null ? List.of() : List.copyOf(names);
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
    }

    @Override
    public void validate(ConfigKeys keys) {
        if (names.isEmpty() && prefixes.isEmpty()) {
            throw new dev.ferry.common.ConfigException(keys.fileName() + ": '" + keys.prefix()
                    + "' lists no bucket: give 'names' or 'prefixes'", "Add e.g. prefixes: [kea-] under " + keys.prefix() + ".");
        }
        for (String p : prefixes) {
            if (p == null || p.isBlank()) {
                throw keys.invalid("prefixes", "holds an empty prefix, which would match every bucket",
                        "Write the prefix out, or list the buckets under names.");
            }
        }
    }
}
