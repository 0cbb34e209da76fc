package dev.ferry.tests.rehearsal;

import dev.ferry.tests.generator.SeedNames;
import java.util.UUID;

/**
 * The names a rehearsal uses: kea's own on fresh stores; unique ones when it shares running stores with other tests.
 *
 * @param label        the Source label written into the bundle's manifest
 * @param realm        the Keycloak realm on both sides
 * @param sourceStore  the Source OpenFGA store name
 * @param targetStore  the new Target OpenFGA store the load creates
 * @param bucketPrefix the bucket prefix on both sides
 */
record Names(String label, String realm, String sourceStore, String targetStore, String bucketPrefix) {
    static Names kea() {
        return new Names("rehearsal", "app", "kea", "kea", "kea");
    }

    static Names unique() {
        String s = UUID.randomUUID().toString().substring(0, 8);
        return new Names("rehearsal-" + s, "app-" + s, "kea-" + s, "kea-" + s, "kea" + s);
    }

    SeedNames seedNames() {
        return new SeedNames(realm, sourceStore, bucketPrefix);
    }
}
