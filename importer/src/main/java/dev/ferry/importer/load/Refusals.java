package dev.ferry.importer.load;

import dev.ferry.common.ConfigException;
import dev.ferry.common.FerryException;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.common.VerificationException;
import dev.ferry.stores.StoreKind;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The problems the pre-write checks found, gathered from every selected store, so that one run of the load (or of
 * --dry-run) names them all and the operator fixes them in one go. Nothing is written while there is one.
 * <p>
 * One problem is reported as it is. Several are reported together, with the exit code of the most fundamental kind
 * among them, in the order of the codes: a configuration problem (2), a bundle problem (3), a store that could not be
 * read (4), a Target that refuses the bundle's data (5). When every problem is a refusal, as usual, that is exit 5.
 */
final class Refusals {
    private final Map<StoreKind, FerryException> byStore = new LinkedHashMap<>();

    void add(StoreKind store, FerryException problem) {
        byStore.put(store, problem);
    }

    /** Throws the problem found, or all of them as one; returns when every store accepted the load. */
    void throwIfAny() {
        if (byStore.isEmpty()) {
            return;
        }
        if (byStore.size() == 1) {
            throw byStore.values().iterator().next();
        }
        FerryException first = byStore.values().stream().min(Comparator.comparingInt(e -> e.exitCode().code())).orElseThrow();
        String problem = byStore.size() + " Target stores refuse the load, and nothing was written: " + byStore.entrySet().stream()
                .map(e -> "(" + e.getKey().label() + ") " + e.getValue().problem()).collect(Collectors.joining(" "));
        String fix = byStore.entrySet().stream().filter(e -> !e.getValue().fix().isBlank())
                .map(e -> "(" + e.getKey().label() + ") " + e.getValue().fix()).collect(Collectors.joining(" "))
                + " Then run the same command again.";
        throw switch (first.exitCode()) {
            case USAGE -> new ConfigException(problem, fix, first);
            case VERIFICATION -> new VerificationException(problem, fix, first);
            case STORE -> new StoreException(problem, fix, first);
            case MISMATCH -> new MismatchException(problem, fix, first);
            default -> first;
        };
    }
}
