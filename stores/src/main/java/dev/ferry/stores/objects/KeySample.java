package dev.ferry.stores.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A fixed-size uniform sample of a stream of keys (reservoir sampling), for the split keys of a {@link RangedListing}:
 * a catalog of a million keys gives its split keys from a thousand held in memory.
 */
final class KeySample {
    private static final int SIZE = 4096;

    private final List<String> keys = new ArrayList<>();
    // Seeded: the same catalog gives the same ranges, run after run.
    private final Random random = new Random(1);
    private long seen;

    void add(String key) {
        seen++;
        if (keys.size() < SIZE) {
            keys.add(key);
        } else {
            long slot = (long) (random.nextDouble() * seen);
            if (slot < SIZE) {
                keys.set((int) slot, key);
            }
        }
    }

    List<String> keys() {
        return List.copyOf(keys);
    }
}
