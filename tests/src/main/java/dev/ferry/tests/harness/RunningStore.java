package dev.ferry.tests.harness;

/** A store server the harness started and must stop. */
interface RunningStore extends AutoCloseable {
    /** Which implementation runs, for the test output, e.g. "S3Proxy 2.6.0 (filesystem)". */
    String description();

    @Override
    void close();
}
