package dev.ferry.stores;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ferry.common.ConfigException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The four stores, in the order they are exported (small and structured first, bulk objects last). */
public enum StoreKind {
    POSTGRES, KEYCLOAK, OPENFGA, OBJECTS;

    /** The store's name in the bundle, in configs, on the command line and in JSON output. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "--stores postgres,keycloak". */
    public static Set<StoreKind> parse(String list) {
        Set<StoreKind> kinds = EnumSet.noneOf(StoreKind.class);
        for (String s : list.split(",")) {
            String name = s.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                kinds.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--stores names an unknown store '" + s.strip() + "'",
                        "Use a comma-separated list of postgres, keycloak, openfga, objects.");
            }
        }
        if (kinds.isEmpty()) {
            throw new ConfigException("--stores names no store", "Use a comma-separated list of postgres, keycloak, openfga, objects.");
        }
        return kinds;
    }
}
