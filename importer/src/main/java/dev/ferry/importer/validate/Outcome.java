package dev.ferry.importer.validate;

import java.util.List;

/**
 * What a check computed, before the checklist adds its name and timing. A check passes exactly when it found no
 * difference, so a check cannot claim success while listing a difference.
 */
public record Outcome(String expected, String actual, List<String> differences, long omitted) {
    public Outcome {
        differences = List.copyOf(differences);
    }

    public static Outcome of(String expected, String actual, Differences differences) {
        return new Outcome(expected, actual, differences.listed(), differences.omitted());
    }

    /** Compares two values; the difference names the check's subject. */
    public static Outcome compare(String subject, Object expected, Object actual) {
        Differences d = new Differences();
        if (!expected.equals(actual)) {
            d.add(subject + ": bundle has " + expected + ", Target has " + actual);
        }
        return of(String.valueOf(expected), String.valueOf(actual), d);
    }

    public CheckStatus status() {
        return differences.isEmpty() && omitted == 0 ? CheckStatus.PASS : CheckStatus.FAIL;
    }
}
