package dev.ferry.exporter.run;

/**
 * Opens ExportRun's package-private test seam to the end-to-end tests: what runs between the stores' reads and the
 * freeze guard. Production code has no way to set it.
 */
public final class ExportRunSeam {
    private ExportRunSeam() {
    }

    public static void afterRead(ExportRun run, Runnable hook) {
        run.afterRead(hook);
    }
}
