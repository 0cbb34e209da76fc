package dev.ferry.importer.validate;

/** The outcome of one check. */
public enum CheckStatus {
    /** What landed equals what left. */
    PASS,
    /** The Target differs from the bundle: do not cut over. */
    FAIL,
    /** The check could not run because a Target store could not be read; nothing is known either way. */
    ERROR
}
