package dev.ferry.importer.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the differences a check finds. Lists the first {@code limit} and counts the rest, so a Target that differs
 * everywhere gives a readable report instead of millions of lines.
 */
public final class Differences {
    /** Enough to act on; the count says how many more there are. */
    public static final int DEFAULT_LIMIT = 25;

    private final int limit;
    private final List<String> listed = new ArrayList<>();
    private long omitted;

    public Differences() {
        this(DEFAULT_LIMIT);
    }

    public Differences(int limit) {
        this.limit = limit;
    }

    public void add(String difference) {
        if (listed.size() < limit) {
            listed.add(difference);
        } else {
            omitted++;
        }
    }

    public boolean isEmpty() {
        return listed.isEmpty();
    }

    public long total() {
        return listed.size() + omitted;
    }

    public List<String> listed() {
        return List.copyOf(listed);
    }

    public long omitted() {
        return omitted;
    }
}
