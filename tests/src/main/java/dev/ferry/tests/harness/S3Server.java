package dev.ferry.tests.harness;

/** A running S3-compatible server. */
interface S3Server extends RunningStore {
    S3Endpoint endpoint();
}
