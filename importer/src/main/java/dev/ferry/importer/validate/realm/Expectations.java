package dev.ferry.importer.validate.realm;

/**
 * What the load promised, which decides what counts as a difference.
 *
 * @param realmCreatedByLoad   the load created the realm (POST /admin/realms): anything the Target holds beyond the
 *                             bundle is a difference; in a merged realm the Target's own items are not
 * @param roleAndClientIdsKept the realm was created from the bundle, which keeps role and client ids;
 *                             partialImport renews them by design
 * @param keysCarried          the offline export carried the realm keys and the realm was created from it: the Target
 *                             must publish the Source's key ids
 */
public record Expectations(boolean realmCreatedByLoad, boolean roleAndClientIdsKept, boolean keysCarried) {

    /** A realm the load created: from the offline export ({@code keysCarried}) or from the API read. */
    public static Expectations created(boolean fromOfflineExport) {
        return new Expectations(true, true, fromOfflineExport);
    }

    /** A realm that existed and was merged into with partialImport. */
    public static Expectations merged() {
        return new Expectations(false, false, false);
    }
}
