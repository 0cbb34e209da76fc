package dev.ferry.importer.validate;

import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.objects.BucketListings;
import dev.ferry.stores.objects.ObjectEntries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runbook's §1.6 checklist as code: compares every store the bundle carries with the Target (the stores at the
 * same time, see {@link StoreValidations}), then the cross-store invariants, and lists what needs a person. Reads
 * only; never writes to a Target store.
 */
public final class Validator {
    private static final Pattern DOCUMENT_KEY = Pattern.compile("[0-9a-f]{32}/");

    private final Clock clock;
    /** The Target-side state dir, where validate records the objects it hashed; null records nothing. */
    private final java.nio.file.Path stateDir;
    /** After a delta: hash every object of the freeze catalog, trusting no earlier record. */
    private final boolean deep;

    public Validator(Clock clock) {
        this(clock, null, false);
    }

    public Validator(Clock clock, java.nio.file.Path stateDir, boolean deep) {
        this.clock = clock;
        this.stateDir = stateDir;
        this.deep = deep;
    }

    /**
     * @param only the stores to validate (load --stores may have loaded a subset); empty means every carried store
     */
    public ValidationReport validate(VerifiedBundle bundle, TargetStores target, Set<String> only, BundleFacts facts,
            Instant startedAt, Duration verifyDuration) {
        List<String> carried = bundle.stores().stream().filter(s -> only.isEmpty() || only.contains(s)).toList();
        StoreValidations stores = new StoreValidations(clock, bundle);

        boolean pg = carried.contains(PostgresChecks.STORE);
        if (pg) {
            require(target.postgres(), StoreKind.POSTGRES);
            stores.add(PostgresChecks.STORE, (checklist, expected, actual) ->
                    new PostgresChecks(bundle, target.postgres(), target.conflicts()).run(checklist, actual));
        }
        AtomicReference<Set<String>> groups = new AtomicReference<>();
        if (carried.contains(KeycloakChecks.STORE)) {
            require(target.keycloak(), StoreKind.KEYCLOAK);
            stores.add(KeycloakChecks.STORE, (checklist, expected, actual) ->
                    groups.set(new KeycloakChecks(bundle, target.keycloak()).run(checklist, actual)));
        }
        AtomicReference<Set<String>> tuples = new AtomicReference<>();
        OpenFgaChecks fga = null;
        if (carried.contains(OpenFgaChecks.STORE)) {
            require(target.openfga(), StoreKind.OPENFGA);
            OpenFgaChecks checks = new OpenFgaChecks(bundle, target.openfga(), target.usernameTuples());
            stores.add(OpenFgaChecks.STORE, (checklist, expected, actual) -> tuples.set(checks.run(checklist, actual, expected)));
            fga = checks;
        }
        boolean objects = carried.contains(ObjectChecks.STORE);
        AtomicReference<String> documentsBucket = new AtomicReference<>();
        BucketListings listing = null;
        if (objects) {
            require(target.objects(), StoreKind.OBJECTS);
            BucketListings buckets = new BucketListings(target.objects(), target.objectConcurrency());
            stores.add(ObjectChecks.STORE, (checklist, expected, actual) -> {
                try (HashedObjects hashed = HashedObjects.open(stateDir)) {
                    if (bundle.manifest().isDelta()) {
                        FreezeObjectChecks freeze = new FreezeObjectChecks(bundle, target.objects(), buckets, target.bucketMap(),
                                target.objectConcurrency(), hashed, deep);
                        freeze.run(checklist, actual);
                        documentsBucket.set(freeze.documentsBucket());
                    } else {
                        new ObjectChecks(bundle, target.objects(), target.bucketMap(), target.objectConcurrency(), hashed).run(checklist, actual);
                        documentsBucket.set(documentsBucket(bundle, target));
                    }
                }
            });
            listing = buckets;
        }
        Checklist checklist = new Checklist(clock);
        List<StoreTally> tallies = stores.runAll(checklist);
        Consumer<Consumer<String>> uids = pg ? target.postgres()::forEachDocumentUid : null;
        new CrossStoreChecks(emptyIfFailed(tuples.get(), checklist, "openfga.tuples"),
                emptyIfFailed(groups.get(), checklist, "keycloak.groups"), uids, listing,
                objects ? documentsBucket.get() : null).run(checklist);

        return new ValidationReport(facts, startedAt, clock.instant(), verifyDuration, tallies, checklist.results(),
                Reminders.of(bundle, target), fga == null ? DroppedTuples.NONE : fga.dropped());
    }

    /** A set a check could not read (its check is an ERROR already) makes the dependent cross-store checks not run. */
    private static Set<String> emptyIfFailed(Set<String> set, Checklist checklist, String checkId) {
        boolean failed = checklist.results().stream().anyMatch(c -> c.id().equals(checkId) && c.status() == CheckStatus.ERROR);
        return failed ? null : set;
    }

    /**
     * The Target bucket of the Source's documents bucket: by name ("*-documents", docs/reference/fred-stores.md §0), else the carried
     * bucket whose keys are laid out as {@code <document_uid>/…} (§4) when the deployment named it otherwise.
     */
    private static String documentsBucket(VerifiedBundle bundle, TargetStores target) {
        List<IndexEntry> objects = bundle.index(ObjectChecks.STORE);
        return objects.stream().map(e -> e.metadata().path(ObjectEntries.BUCKET).asText("")).filter(b -> b.endsWith("-documents")).findFirst()
                .or(() -> objects.stream().filter(e -> DOCUMENT_KEY.matcher(e.metadata().path(ObjectEntries.KEY).asText("")).lookingAt())
                        .map(e -> e.metadata().path(ObjectEntries.BUCKET).asText("")).findFirst())
                .map(target.bucketMap()).orElse(null);
    }

    private static void require(Object store, StoreKind kind) {
        String section = kind.label();
        if (store == null) {
            throw new ConfigException("the bundle carries store '" + section + "' but target.yaml has no '" + section + "' section",
                    "add the '" + section + "' section to target.yaml (see docs/target.example.yaml), or validate only the loaded stores with --stores");
        }
    }
}
