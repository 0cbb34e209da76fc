package dev.ferry.tests.generator;

/** The four kea buckets: a configured prefix plus the suffix each backend adds at runtime (docs/reference/fred-stores.md §0). */
public enum KeaBucket {
    DOCUMENTS("knowledge-flow-content-documents"),
    OBJECTS("knowledge-flow-content-objects"),
    FILESYSTEM("filesystem"),
    CONTROL_PLANE("control-plane-content-objects");

    private final String suffix;

    KeaBucket(String suffix) {
        this.suffix = suffix;
    }

    /** e.g. {@code kea-knowledge-flow-content-documents} for prefix {@code kea}. */
    public String bucketName(String prefix) {
        return prefix + "-" + suffix;
    }
}
