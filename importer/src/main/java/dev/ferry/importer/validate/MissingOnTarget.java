package dev.ferry.importer.validate;

/**
 * Something the bundle carries does not exist on the Target at all (a table, a column, the realm, the OpenFGA store):
 * a mismatch to report, not a store failure.
 */
final class MissingOnTarget extends RuntimeException {
    MissingOnTarget(String message) {
        super(message, null, false, false);
    }
}
