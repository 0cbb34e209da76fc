package dev.ferry.importer.upgrade;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out names that are unique within one scope and fit a {@code varchar(max)}. A clash gets the owner's id
 * prefix appended, {@code "<name> (<first 8 chars of the id>)"}, the rule #1954 uses for prompts (docs/reference/fred-stores.md §5.5);
 * if that is taken too, the whole id; then a counter. The name is shortened, never the suffix, so it always fits.
 */
public final class UniqueNames {
    private final int max;
    private final Set<String> taken = new HashSet<>();

    public UniqueNames(int max) {
        this.max = max;
    }

    /** The base name, truncated to fit, if free; else the first free suffixed form. */
    public String claim(String base, String ownerId) {
        String name = Text.truncate(base, max);
        if (taken.add(name)) {
            return name;
        }
        String shortId = ownerId.length() > 8 ? ownerId.substring(0, 8) : ownerId;
        for (String suffix : new String[] {" (" + shortId + ")", " (" + ownerId + ")"}) {
            name = withSuffix(base, suffix);
            if (taken.add(name)) {
                return name;
            }
        }
        for (int n = 2;; n++) {
            name = withSuffix(base, " (" + ownerId + ") " + n);
            if (taken.add(name)) {
                return name;
            }
        }
    }

    /** Whether a name is already handed out (or reserved). */
    public boolean isTaken(String name) {
        return taken.contains(name);
    }

    private String withSuffix(String base, String suffix) {
        int room = Math.max(0, max - Text.length(suffix));
        return Text.truncate(Text.truncate(base, room) + suffix, max);
    }
}
