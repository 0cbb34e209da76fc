package dev.ferry.importer.config;

import dev.ferry.common.ConfigException;
import java.util.Locale;

/** What happens to OpenFGA tuples whose subject is a username ({@code user:alice}) rather than a UUID. */
public enum UsernameTuples {
    /** Drop and report them, as runbook §1.2 asks (the default). */
    DROP,
    /** Rewrite the subject through the bundle's Keycloak username→id table; drop and report those it cannot map. */
    MAP;

    /** Case-insensitive, for the YAML loader; a wrong value names the allowed ones. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static UsernameTuples parse(String value) {
        try {
            return valueOf((value == null ? "" : value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("'" + value + "' is not a choice for openfga.usernameTuples", "use drop or map");
        }
    }
}
