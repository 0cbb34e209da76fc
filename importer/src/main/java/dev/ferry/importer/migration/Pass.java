package dev.ferry.importer.migration;

import dev.ferry.importer.journal.BundleRecord;
import dev.ferry.importer.validate.ValidationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One pass of the migration on this Target: the bundle it carried, its load and its latest validation.
 *
 * @param bundleId       the bundle's id
 * @param bundle         the bundle's facts as the load journaled them; null for a load made before Ferry journaled them
 * @param loadStarted    when the load began (before its verification), or the journal's first step
 * @param loadFinished   when every carried store was loaded; null while the load is unfinished
 * @param verifyDuration the load's verification of the bundle; null when not journaled
 * @param stores         per store, in load order, what the load did
 * @param validation     the latest validate of this bundle on this Target; null when none ran
 */
public record Pass(String bundleId, BundleRecord bundle, Instant loadStarted, Instant loadFinished, Duration verifyDuration,
        List<StoreChanges> stores, ValidationRecord validation) {
    public Pass {
        stores = List.copyOf(stores);
    }

    public boolean delta() {
        return bundle != null && bundle.base() != null;
    }

    /** Whether the Source was checked not to move while this pass read it (the freeze guard ran). */
    public boolean frozen() {
        return bundle != null && "checked".equals(bundle.freezeGuard());
    }
}
