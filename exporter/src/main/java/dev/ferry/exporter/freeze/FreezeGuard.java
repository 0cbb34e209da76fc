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

/**
 * The freeze guard: at the end of a pass, reads the Source again and checks that nothing moved while the pass read
 * it (runbook §1.7: the Source is read-only during the freeze). It compares the carried tables' COPY fingerprints,
 * the users (ids and a digest of each) and the group tree, the tuple-set fingerprint, and the object listing (bucket,
 * key, size, ETag). A moving Source is refused with what changed: store by store, table names and counts; never an
 * object key or a user name, which are counted instead.
 */
public final class FreezeGuard {
    private final SourceConfig config;
    private final Path configFile;

    public FreezeGuard(SourceConfig config, Path configFile) {
        this.config = config;
        this.configFile = configFile;
    }

    /** Throws when the Source moved; the exception lists what did. */
    public void check(SourceReading read) {
        List<String> moved = movements(read);
        if (!moved.isEmpty()) {
            throw new MismatchException("The Source moved while it was read, so the bundle would not hold one consistent state ("
                    + String.join("; ", moved) + "). Nothing was written.",
                    "Stop every writer to the Source (kea's services scaled to zero, runbook §1.7) and run the export again."
                    + " For a first pass while the Source is still in use, add --live: the manifest then records that the"
                    + " freeze guard was skipped, and the final pass (--since) carries what changed.");
        }
    }

    /** What moved, one description per store; empty when the Source stood still. */
    public List<String> movements(SourceReading read) {
        List<String> moved = new ArrayList<>();
        if (read.tables() != null) {
            tables(read.tables(), new PostgresExporter(SourceConfig.require(config.postgres(), "postgres", configFile))
                    .fingerprintsNow(), moved);
        }
        if (read.keycloak() != null) {
            keycloak(read.keycloak(), new KeycloakExporter(SourceConfig.require(config.keycloak(), "keycloak", configFile))
                    .readAgain(), moved);
        }
        if (read.openfga() != null) {
            OpenFgaExporter.Reading now = new OpenFgaExporter(SourceConfig.require(config.openfga(), "openfga", configFile)).readAgain();
            if (!now.fingerprint().equals(read.openfga().fingerprint())) {
                moved.add("openfga: the tuple set changed (" + read.openfga().tuples() + " tuples read, " + now.tuples() + " now)");
            }
        }
        if (read.objects() != null) {
            objects(read.objects(), new ObjectsExporter(SourceConfig.require(config.objects(), "objects", configFile), 1).listAgain(), moved);
        }
        return moved;
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
