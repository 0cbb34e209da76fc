package dev.ferry.importer.validate;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store's counts as the bundle carries them and as the Target holds them, and the time its checks took.
 *
 * @param store    the store name
 * @param expected counts from the bundle (e.g. "rows:agent" → 12)
 * @param actual   the same counts read from the Target; a count the Target could not give is absent
 * @param duration time spent checking this store
 */
public record StoreTally(String store, Map<String, Long> expected, Map<String, Long> actual, Duration duration) {
    public StoreTally {
        expected = new TreeMap<>(expected);
        actual = new TreeMap<>(actual);
    }
}
