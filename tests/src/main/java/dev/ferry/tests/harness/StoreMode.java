package dev.ferry.tests.harness;

import dev.ferry.common.ConfigException;
import java.util.Locale;

/** How the harness runs the stores: containers where Docker is reachable, local processes otherwise. */
public enum StoreMode {
    /** Containers when a Docker engine answers, else local processes. */
    AUTO,
    /** Testcontainers with the production images; fails when no Docker engine answers. */
    CONTAINERS,
    /** Embedded servers and child processes on 127.0.0.1. */
    LOCAL;

    /** Parses {@code auto|containers|local} as given in {@code -Dferry.stores} or {@code FERRY_STORES}. */
    public static StoreMode parse(String value, String origin) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (StoreMode mode : values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(v)) {
                return mode;
            }
        }
        throw new ConfigException(origin + " is '" + value + "', which is not a store mode",
                "set it to auto, containers or local");
    }
}
