package dev.ferry.archive.read;

/** Receives the entries of a store. Called from up to {@code parallelism} threads at once when asked for. */
@FunctionalInterface
public interface EntryHandler {
    void accept(BundleEntry entry) throws Exception;
}
