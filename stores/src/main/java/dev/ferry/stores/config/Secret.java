package dev.ferry.stores.config;

import java.util.Objects;

/**
 * A resolved secret value from a config file. It never prints itself: {@link #toString()} and {@link #describe()}
 * name only where it came from, so a config object can be logged or shown in an error without leaking it.
 */
public final class Secret {
    private final String value;
    private final String origin;

    Secret(String value, String origin) {
        this.value = Objects.requireNonNull(value);
        this.origin = origin;
    }

    /** The secret itself; hand it straight to the store client, never to a log or a message. */
    public String reveal() {
        return value;
    }

    /** Where the value came from, e.g. "environment variable FRED_PG_PASSWORD". */
    public String describe() {
        return origin;
    }

    @Override
    public String toString() {
        return "<secret from " + origin + ">";
    }
}
