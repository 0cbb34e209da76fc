package dev.ferry.importer.load;

import dev.ferry.stores.StoreKind;
import java.util.List;
import java.util.Map;

/**
 * What a store's load did, for the summary and --json.
 *
 * @param store   the store (its label in JSON: "keycloak", "openfga", "postgres" or "objects")
 * @param status  LOADED, ALREADY_LOADED (a re-run found everything in place), PLANNED (--dry-run) or NOT_SELECTED
 * @param counts  named counts, e.g. "users:added", "tuples:written", "rows:agent", "objects:skipped"
 * @param outputs values the operator must act on, e.g. the new OpenFGA store id and model id
 * @param notices lists a person must read: users who must reset their password, dropped tuples, …
 */
public record StoreOutcome(StoreKind store, Status status, Map<String, Long> counts, Map<String, String> outputs,
        List<Notice> notices) {
    public enum Status { LOADED, ALREADY_LOADED, PLANNED, NOT_SELECTED }

    /** A titled list, e.g. "users who must set a new password" → usernames. */
    public record Notice(String title, List<String> items) {
    }
}
