package dev.ferry.common;

import java.util.Locale;
import java.util.Optional;

/**
 * The four stores, in the order they are exported (small and structured first, bulk objects last). Their labels are
 * the store names in a bundle and on the command line.
 */
public enum StoreKind {
    POSTGRES, KEYCLOAK, OPENFGA, OBJECTS;

    /** The store's name in the bundle, e.g. "postgres". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The store with this label, if any. */
    public static Optional<StoreKind> byLabel(String label) {
        for (StoreKind kind : values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
