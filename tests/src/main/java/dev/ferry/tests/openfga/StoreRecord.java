package dev.ferry.tests.openfga;

import java.time.Instant;

/** A store's own row; {@code deletedAt} is set by the soft delete. */
record StoreRecord(String id, String name, Instant createdAt, Instant updatedAt, Instant deletedAt) {
    boolean deleted() {
        return deletedAt != null;
    }
}
