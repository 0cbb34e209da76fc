package dev.ferry.importer.config;

import dev.ferry.common.ConfigException;
import java.util.Locale;

/** What happens to OpenFGA tuples whose subject is a username ({@code user:alice}) rather than a UUID. */
public enum UsernameTuples {
    /** Drop and report them, as runbook §1.2 asks (the default). */
    DROP,
    /** Rewrite the subject through the bundle's Keycloak username→id table; drop and report those it cannot map. */
    MAP;

    static UsernameTuples parse(String value, String key) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " is '" + value + "', which is not a choice", "use drop or map");
        }
    }
}
