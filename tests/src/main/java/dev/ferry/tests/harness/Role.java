package dev.ferry.tests.harness;

/** Which side of the migration a store instance plays. */
public enum Role {
    SOURCE,
    TARGET;

    /** Lower-case name, used in directory and log names. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
