package dev.ferry.exporter.run;

import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import java.util.List;
import java.util.Map;

/**
 * One store's part of the export summary: its counts, plaintext bytes and the time it took.
 *
 * @param leftOut Keycloak values the bundle does not carry (masked secrets, realm keys), each with its consequence and
 *                fix; empty for the other stores
 */
public record StoreOutcome(String store, Map<String, Long> counts, long bytes, long nanos, List<LeftOut> leftOut) {
    public StoreOutcome {
        leftOut = List.copyOf(leftOut);
    }
}
