package dev.ferry.tests.openfga;

import java.time.Instant;

/** A tuple at rest; {@code ulid} orders tuples by insertion, as the SQL backends do. */
record StoredTuple(TupleKey key, String ulid, Instant timestamp) {
}
