package dev.ferry.importer.journal;

import java.time.Instant;
import java.util.Map;

/**
 * One step of a load as the journal remembers it. Details hold ids, counts and hashes only, never store data.
 *
 * @param name    e.g. "keycloak", "openfga.store", "postgres.agent", "objects"
 * @param state   STARTED or DONE
 * @param at      when the state was recorded
 * @param details e.g. {"storeId": "01H…", "rows": "12"}
 */
public record StepRecord(String name, State state, Instant at, Map<String, String> details) {
    public enum State { STARTED, DONE }

    public boolean done() {
        return state == State.DONE;
    }
}
