package dev.ferry.importer.load;

/** Progress of long work, per store. Implementations print bars, or nothing under --json. */
public interface Progress {
    /** Starts a task; {@code total} may be -1 when unknown. */
    Task start(String store, String what, long total, String unit);

    /** Prints a one-line status for a store ("realm app exists: merging with SKIP"). */
    void info(String store, String message);

    interface Task extends AutoCloseable {
        void advance(long n);

        @Override
        void close();
    }

    /** Reports nothing: for --json, where stdout must hold only the JSON document. */
    static Progress silent() {
        return new Progress() {
            @Override
            public Task start(String store, String what, long total, String unit) {
                return new Task() {
                    @Override
                    public void advance(long n) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void info(String store, String message) {
            }
        };
    }
}
