package dev.ferry.importer.upgrade.tuples;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counts of one tuple upgrade. Every stored kea tuple is accounted exactly once: {@code storedRead ==
 * storedMapped + sum(droppedStored)}. Keycloak facts are counted as written ({@link Rule#synthesised()} rules) or in
 * {@code droppedContextual}.
 *
 * @param storedRead               kea tuples read from the store
 * @param storedMapped             of those, the ones whose swift tuple(s) were written
 * @param written                  swift tuples written, per rule
 * @param droppedStored            stored kea tuples that yield no swift tuple, per reason
 * @param droppedContextual        Keycloak facts (group memberships, app client roles, seeds) that yield none
 * @param memberTuplesWithoutGroup stored member tuples of users who are not in the team's Keycloak group any more:
 *                                 kept (kea still grants membership through them), counted for a person to review
 */
public record TupleTally(long storedRead, long storedMapped, Map<Rule, Long> written, Map<DropReason, Long> droppedStored,
        Map<DropReason, Long> droppedContextual, long memberTuplesWithoutGroup) {

    public TupleTally {
        written = copy(Rule.class, written);
        droppedStored = copy(DropReason.class, droppedStored);
        droppedContextual = copy(DropReason.class, droppedContextual);
    }

    private static <K extends Enum<K>> Map<K, Long> copy(Class<K> type, Map<K, Long> m) {
        EnumMap<K, Long> c = new EnumMap<>(type);
        c.putAll(m);
        return Collections.unmodifiableMap(c);
    }

    public long written(Rule rule) {
        return written.getOrDefault(rule, 0L);
    }

    public long droppedStored(DropReason reason) {
        return droppedStored.getOrDefault(reason, 0L);
    }

    public long droppedContextual(DropReason reason) {
        return droppedContextual.getOrDefault(reason, 0L);
    }

    public long totalWritten() {
        return written.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalSynthesised() {
        return written.entrySet().stream().filter(e -> e.getKey().synthesised()).mapToLong(Map.Entry::getValue).sum();
    }

    public long totalDroppedStored() {
        return droppedStored.values().stream().mapToLong(Long::longValue).sum();
    }
}
