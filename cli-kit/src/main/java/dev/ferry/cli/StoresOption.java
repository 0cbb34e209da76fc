package dev.ferry.cli;

import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --stores}, the same in every command of both tools: a comma-separated list of store names. */
public final class StoresOption {
    /** Every store's label, in export order (a test keeps it equal to {@link StoreKind}). */
    static final String NAMES = "postgres,keycloak,openfga,objects";

    @Option(names = "--stores", paramLabel = "LIST",
            description = "Only these stores, comma-separated, from " + NAMES + ". Without it: every store (when reading a bundle, every store it carries).")
    String list;

    /** The chosen stores in export order; all four when the option is absent. */
    public Set<StoreKind> selected() {
        return list == null ? Collections.unmodifiableSet(EnumSet.allOf(StoreKind.class)) : parse(list);
    }

    /** Parses "postgres, keycloak" (case and spaces do not matter). */
    public static Set<StoreKind> parse(String list) {
        Set<StoreKind> kinds = EnumSet.noneOf(StoreKind.class);
        for (String name : list.split(",", -1)) {
            String label = name.strip().toLowerCase(Locale.ROOT);
            if (label.isEmpty()) {
                continue;
            }
            kinds.add(StoreKind.byLabel(label).orElseThrow(() -> new ConfigException(
                    "--stores names '" + name.strip() + "', which is not a store", "give a comma-separated list of " + NAMES)));
        }
        if (kinds.isEmpty()) {
            throw new ConfigException("--stores names no store", "give a comma-separated list of " + NAMES);
        }
        return Collections.unmodifiableSet(kinds);
    }
}
