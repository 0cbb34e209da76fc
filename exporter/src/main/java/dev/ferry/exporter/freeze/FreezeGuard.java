package dev.ferry.exporter.freeze;

import dev.ferry.common.MismatchException;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.exporter.keycloak.KeycloakExporter;
import dev.ferry.exporter.objects.CatalogEntry;
import dev.ferry.exporter.objects.ObjectCatalog;
import dev.ferry.exporter.objects.ObjectsExporter;
import dev.ferry.exporter.openfga.OpenFgaExporter;
import dev.ferry.exporter.postgres.PostgresExporter;
import dev.ferry.stores.postgres.TableCopier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The freeze guard: at the end of a pass, reads the Source again and checks that nothing moved while the pass read
 * it (runbook §1.7: the Source is read-only during the freeze). It compares the carried tables' COPY fingerprints,
 * the users (ids and a digest of each) and the group tree, the tuple-set fingerprint, and the object listing (bucket,
 * key, size, ETag). The four stores are read again side by side, so the guard lasts as long as its slowest store. A
 * moving Source is refused with what changed: store by store, table names and counts; never an object key or a user
 * name, which are counted instead.
 */
public final class FreezeGuard {
    private final SourceConfig config;
    private final Path configFile;

    public FreezeGuard(SourceConfig config, Path configFile) {
        this.config = config;
        this.configFile = configFile;
    }

    /**
     * Throws when the Source moved, listing what did; {@code storeChecked} runs as each store's check ends (for the
     * progress reporter).
     */
    public void check(SourceReading read, Runnable storeChecked) {
        List<String> moved = movements(read, storeChecked);
        if (!moved.isEmpty()) {
            throw new MismatchException("The Source moved while it was read, so the bundle would not hold one consistent state ("
                    + String.join("; ", moved) + "). Nothing was written.",
                    "Stop every writer to the Source (kea's services scaled to zero, runbook §1.7) and run the export again."
                    + " For a first pass while the Source is still in use, add --live: the manifest then records that the"
                    + " freeze guard was skipped, and the final pass (--since) carries what changed.");
        }
    }

    /**
     * What moved, one description per store, in store order; empty when the Source stood still. The stores are read
     * again side by side ({@link StoreChecks}), each with its own client.
     */
    public List<String> movements(SourceReading read, Runnable storeChecked) {
        List<StoreChecks.Check> checks = new ArrayList<>();
        if (read.tables() != null) {
            PostgresExporter postgres = new PostgresExporter(SourceConfig.require(config.postgres(), "postgres", configFile));
            checks.add(new StoreChecks.Check("postgres", () -> movedIf(moved -> tables(read.tables(), postgres.fingerprintsNow(), moved))));
        }
        if (read.keycloak() != null) {
            KeycloakExporter keycloak = new KeycloakExporter(SourceConfig.require(config.keycloak(), "keycloak", configFile));
            checks.add(new StoreChecks.Check("keycloak", () -> movedIf(moved -> keycloak(read.keycloak(), keycloak.readAgain(), moved))));
        }
        if (read.openfga() != null) {
            OpenFgaExporter openfga = new OpenFgaExporter(SourceConfig.require(config.openfga(), "openfga", configFile));
            checks.add(new StoreChecks.Check("openfga", () -> movedIf(moved -> tuples(read.openfga(), openfga.readAgain(), moved))));
        }
        if (read.objects() != null) {
            ObjectsExporter objects = new ObjectsExporter(SourceConfig.require(config.objects(), "objects", configFile), 1);
            checks.add(new StoreChecks.Check("objects", () -> movedIf(moved -> objects(read.objects(), objects.listAgain(), moved))));
        }
        return StoreChecks.run(checks, storeChecked);
    }

    private static List<String> movedIf(Consumer<List<String>> compare) {
        List<String> moved = new ArrayList<>();
        compare.accept(moved);
        return moved;
    }

    static void tuples(OpenFgaExporter.Reading read, OpenFgaExporter.Reading now, List<String> moved) {
        if (!now.fingerprint().equals(read.fingerprint())) {
            moved.add("openfga: the tuple set changed (" + read.tuples() + " tuples read, " + now.tuples() + " now)");
        }
    }

    static void tables(Map<String, TableCopier.CopyResult> read, Map<String, TableCopier.CopyResult> now, List<String> moved) {
        List<String> tables = new ArrayList<>();
        read.forEach((name, before) -> {
            TableCopier.CopyResult after = now.get(name);
            if (after == null) {
                tables.add(name + " (gone)");
            } else if (!after.fingerprint().equals(before.fingerprint())) {
                tables.add(name + " (" + before.rows() + " rows read, " + after.rows() + " now)");
            }
        });
        if (!tables.isEmpty()) {
            moved.add("postgres: " + tables.size() + " table(s) changed: " + String.join(", ", tables));
        }
    }

    static void keycloak(KeycloakExporter.Reading read, KeycloakExporter.Reading now, List<String> moved) {
        long added = 0;
        long changed = 0;
        for (Map.Entry<String, String> user : now.userDigests().entrySet()) {
            String before = read.userDigests().get(user.getKey());
            if (before == null) {
                added++;
            } else if (!before.equals(user.getValue())) {
                changed++;
            }
        }
        long removed = read.userDigests().keySet().stream().filter(id -> !now.userDigests().containsKey(id)).count();
        List<String> what = new ArrayList<>();
        if (added + changed + removed > 0) {
            what.add("users: " + added + " added, " + changed + " changed, " + removed + " removed");
        }
        if (!Objects.equals(read.groupsDigest(), now.groupsDigest())) {
            what.add("the group tree changed");
        }
        if (!what.isEmpty()) {
            moved.add("keycloak: " + String.join(", ", what));
        }
    }

    static void objects(ObjectCatalog read, ObjectCatalog now, List<String> moved) {
        long[] n = new long[3]; // added, changed, deleted
        Set<String> buckets = new HashSet<>();
        now.forEachSorted(o -> {
            CatalogEntry before = read.get(o.bucket(), o.key());
            if (before == null) {
                n[0]++;
                buckets.add(o.bucket());
            } else if (before.size() != o.size() || !Objects.equals(before.etag(), o.etag())) {
                n[1]++;
                buckets.add(o.bucket());
            }
        });
        for (CatalogEntry gone : read.missingFrom(now)) {
            n[2]++;
            buckets.add(gone.bucket());
        }
        if (n[0] + n[1] + n[2] > 0) {
            moved.add("objects: " + n[0] + " added, " + n[1] + " changed, " + n[2] + " deleted, in " + buckets.size() + " bucket(s)");
        }
    }
}
