package dev.ferry.tests.openfga;

import java.time.Instant;

/** One changelog entry; deletes carry a key without its condition, as the server redacts it. */
record Change(TupleKey key, boolean delete, String ulid, Instant timestamp) {
}
