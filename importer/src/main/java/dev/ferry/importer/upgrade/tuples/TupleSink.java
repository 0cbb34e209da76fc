package dev.ferry.importer.upgrade.tuples;

/**
 * Where {@link TupleUpgrade} puts its results, one at a time, so nothing accumulates: phase 2 batches {@link #write}
 * into OpenFGA writes of at most 100 keys (a plan counts them instead), and reports {@link #dropped} (say, the first
 * few per reason). The upgrade never writes the same tuple twice, so a batch never repeats a key.
 */
public interface TupleSink {

    /** A swift tuple to write. */
    void write(FgaTuple swift);

    /**
     * A kea tuple that yields no swift tuple. {@code stored} is false for a Keycloak fact, given in the form kea
     * injected it as a contextual tuple ({@code user:S member team:G}, {@code user:S admin organization:fred}).
     */
    default void dropped(FgaTuple kea, DropReason reason, boolean stored) {
    }
}
