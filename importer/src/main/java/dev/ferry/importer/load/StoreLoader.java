package dev.ferry.importer.load;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.journal.Journal;
import dev.ferry.stores.StoreKind;

/**
 * Loads one store of a verified bundle into the Target. {@link #check} runs for every selected store before any store
 * is written, so a Target that would refuse (schema diff, conflicting users, non-empty tables) stops the load while
 * the Target is still untouched.
 */
public interface StoreLoader {
    StoreKind store();

    /**
     * Reads the Target and the bundle, refuses with the full list of this store's problems, and says what would be
     * written. Writes nothing: the load runs every store's check, and reports every store's refusal, before any write.
     */
    StoreOutcome check(VerifiedBundle bundle, Journal journal);

    /** Writes the store. Re-running after a crash (same journal) continues without duplicating anything. */
    StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress);
}
