package dev.ferry.exporter.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.ExitCode;
import dev.ferry.common.FerryException;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.config.PostgresConfig;
import dev.ferry.exporter.config.SourceConfig;
import dev.ferry.stores.keycloak.KeycloakClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.exporter.keycloak.KeycloakExporter;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.RealmReader;
import dev.ferry.exporter.keycloak.OfflineRealmExport;
import dev.ferry.exporter.objects.BucketSelector;
import dev.ferry.stores.crossstore.CrossStoreRule;
import dev.ferry.stores.crossstore.TupleReferences;
import dev.ferry.stores.io.HashingOutputStream;
import dev.ferry.stores.objects.ObjectInfo;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.exporter.objects.CatalogEntry;
import dev.ferry.exporter.objects.ChangeRule;
import dev.ferry.exporter.objects.ObjectCatalog;
import dev.ferry.exporter.state.ExporterState;
import dev.ferry.stores.postgres.PostgresCatalog;
import dev.ferry.stores.postgres.PostgresClient;
import dev.ferry.stores.postgres.TableCopier;
import dev.ferry.common.StoreKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the plan: connects read-only to each chosen store, measures what the runbook asks, samples throughput, and
 * collects every problem instead of stopping at the first, so the operator gets the whole list at once.
 */
public final class PlanBuilder {
    /** Enough bytes to measure a read+hash rate without making the plan slow. */
    static final long SAMPLE_BYTES = 64L << 20;
    /** Rough per-item sizes for the parts of the bundle the plan does not read in full. */
    static final long BYTES_PER_USER = 4_000;
    static final long BYTES_PER_TUPLE = 200;
    /** A line of a delta's catalog.jsonl: bucket, key, size, ETag and SHA-256 in JSON. */
    static final long BYTES_PER_CATALOG_LINE = 250;
    /** kea's table of document metadata, keyed by document_uid (the id in document: tuples). */
    static final String METADATA = "metadata";
    private static final String SIDE = "Source";

    private final SourceConfig config;
    private final Path configFile;
    private final Set<StoreKind> stores;
    private final OfflineRealmExport offline;
    private final List<String> problems = new ArrayList<>();
    private ExitCode worst = ExitCode.OK;
    private long sampleBytes;
    private long sampleNanos;
    private String sampleSource = "none";
    private ExporterState base;
    private ChangeRule rule;
    private Plan.DeltaPlan delta;
    /** Bytes compare-content will read and hash on top of what the bundle carries. */
    private long compareBytes;
    /** What the cross-store rules need from each store, null when that store was not planned or not read. */
    private TupleReferences tupleRefs;
    private Set<String> rootGroupIds;
    private Set<String> metadataUids;

    public PlanBuilder(SourceConfig config, Path configFile, Set<StoreKind> stores, OfflineRealmExport offline) {
        this.config = config;
        this.configFile = configFile;
        this.stores = stores;
        this.offline = offline;
    }

    /** Plans a delta against {@code base} (the previous pass's state) with {@code rule}; a full pass when base is null. */
    public PlanBuilder since(ExporterState base, ChangeRule rule) {
        this.base = base;
        this.rule = rule;
        return this;
    }

    public Plan build() {
        Plan.PostgresPlan pg = stores.contains(StoreKind.POSTGRES) ? attempt(StoreKind.POSTGRES, this::postgres) : null;
        Plan.KeycloakPlan kc = stores.contains(StoreKind.KEYCLOAK) ? attempt(StoreKind.KEYCLOAK, this::keycloak) : null;
        Plan.OpenFgaPlan fga = stores.contains(StoreKind.OPENFGA) ? attempt(StoreKind.OPENFGA, this::openfga) : null;
        Plan.ObjectsPlan obj = stores.contains(StoreKind.OBJECTS) ? attempt(StoreKind.OBJECTS, this::objects) : null;
        long bundle = (pg == null ? 0 : pg.tables().stream().filter(Plan.TablePlan::carried).mapToLong(Plan.TablePlan::bytes).sum())
                + (kc == null ? 0 : kc.users() * BYTES_PER_USER)
                + (fga == null ? 0 : fga.tuples() * BYTES_PER_TUPLE)
                + (obj == null ? 0 : delta == null ? obj.bytes() : delta.addedBytes() + delta.changedBytes()
                        + delta.catalogObjects() * BYTES_PER_CATALOG_LINE);
        long rate = sampleNanos <= 0 ? 0 : (long) (sampleBytes / (sampleNanos / 1e9));
        long seconds = rate <= 0 ? -1 : Math.max(1, (bundle + compareBytes) / rate);
        List<String> notes = new ArrayList<>(List.of("OpenSearch is not carried: re-vectorize on the Target (runbook §1.5).",
                "Table sizes include indexes (pg_total_relation_size): the COPY text is usually smaller."));
        if (delta != null) {
            notes.add("Delta since bundle " + delta.base() + ": an object is carried when its size or ETag differs from the base's"
                    + " catalog or it was modified after " + delta.changedAfter() + " (the base's listing minus "
                    + delta.safetyMarginSeconds() + " s)" + (delta.compareContent() ? "; compare-content also reads and hashes the "
                    + delta.toCompare() + " other objects the base holds, and carries those whose SHA-256 differs." : "."));
        }
        return new Plan(pg, kc, fga, obj, delta, crossStore(), new Plan.Estimate(bundle, sampleBytes, rate, sampleSource, seconds),
                List.copyOf(problems), notes, problems.isEmpty() ? 0 : worst == ExitCode.OK ? ExitCode.STORE.code() : worst.code());
    }

    /** Validate's cross-store rules (the shared {@link CrossStoreRule}s) on what the plan read from the Source. */
    private Plan.CrossStorePlan crossStore() {
        List<Plan.CrossStoreCheck> checks = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        CrossStoreRule teams = CrossStoreRule.TEAMS_ARE_ROOT_GROUPS;
        if (tupleRefs != null && rootGroupIds != null) {
            checks.add(new Plan.CrossStoreCheck(teams.id(), teams.title(), tupleRefs.teams().size(),
                    CrossStoreRule.teamsNotRootGroups(tupleRefs, rootGroupIds).stream().map(t -> teams.problem(t, SIDE)).toList()));
        } else {
            notRun.add(teams.title() + ": needs the openfga and keycloak stores planned and readable");
        }
        CrossStoreRule docs = CrossStoreRule.DOCUMENTS_HAVE_METADATA;
        if (tupleRefs != null && metadataUids != null) {
            checks.add(new Plan.CrossStoreCheck(docs.id(), docs.title(), tupleRefs.documents().size(),
                    CrossStoreRule.documentsWithoutMetadata(tupleRefs, metadataUids).stream().map(d -> docs.problem(d, SIDE)).toList()));
        } else {
            notRun.add(docs.title() + ": needs the openfga and postgres stores planned and readable, and a carried '"
                    + METADATA + "' table");
        }
        return new Plan.CrossStorePlan(checks, notRun);
    }

    private interface Section<T> {
        T read() throws Exception;
    }

    private <T> T attempt(StoreKind store, Section<T> section) {
        try {
            return section.read();
        } catch (FerryException e) {
            problems.add(e.problem() + (e.fix().isBlank() ? "" : " — " + e.fix()));
            if (worst == ExitCode.OK || e.exitCode() == ExitCode.USAGE) {
                worst = e.exitCode();
            }
        } catch (Exception e) {
            worst = worst == ExitCode.OK ? ExitCode.STORE : worst;
            problems.add(store.label() + " could not be measured: "
                    + CauseDetail.of(e).orElse("the store gave no reason (re-run with --verbose for the details)"));
        }
        return null;
    }

    private Plan.PostgresPlan postgres() throws SQLException, IOException {
        PostgresConfig pc = SourceConfig.require(config.postgres(), StoreKind.POSTGRES.label(), configFile);
        PostgresClient client = new PostgresClient(pc);
        try (Connection conn = client.snapshot()) {
            PostgresCatalog catalog = new PostgresCatalog(conn);
            List<String> present = catalog.tableNames();
            List<Plan.TablePlan> tables = new ArrayList<>();
            for (String t : pc.tables().carry()) {
                if (present.contains(t)) {
                    tables.add(new Plan.TablePlan(t, true, true, catalog.rowCount(t), catalog.tableBytes(t)));
                } else {
                    tables.add(new Plan.TablePlan(t, true, false, 0, 0));
                    problems.add("PostgreSQL: the carried table '" + t + "' does not exist in database "
                            + catalog.databaseName() + " (postgres.tables.carry) — check postgres.url, or remove it from the list.");
                }
            }
            for (String t : pc.tables().skip()) {
                boolean here = present.contains(t);
                tables.add(new Plan.TablePlan(t, false, here, here ? catalog.rowCount(t) : 0, here ? catalog.tableBytes(t) : 0));
            }
            List<String> others = present.stream().filter(t -> !pc.tables().carry().contains(t)
                    && !pc.tables().skip().contains(t)).toList();
            if (present.contains(METADATA) && pc.tables().carry().contains(METADATA)) {
                metadataUids = metadataUids(conn);
            }
            if (!stores.contains(StoreKind.OBJECTS)) {
                sampleTables(conn, catalog, pc);
            }
            return new Plan.PostgresPlan(catalog.databaseName(), catalog.serverVersion(), catalog.databaseBytes(),
                    tables, others);
        } catch (SQLException e) {
            throw client.translate("read the catalog and the carried tables", e);
        }
    }

    /** Every metadata.document_uid, streamed from the snapshot (one short column, as validate reads it on the Target). */
    private static Set<String> metadataUids(Connection conn) throws SQLException {
        Set<String> uids = new java.util.HashSet<>();
        try (java.sql.Statement st = conn.createStatement()) {
            st.setFetchSize(1000);
            try (java.sql.ResultSet rs = st.executeQuery("SELECT document_uid FROM " + METADATA)) {
                while (rs.next()) {
                    uids.add(rs.getString(1));
                }
            }
        }
        return uids;
    }

    /** Without objects, the throughput sample is the COPY of the carried tables (which is what the export does). */
    private void sampleTables(Connection conn, PostgresCatalog catalog, PostgresConfig pc) throws SQLException, IOException {
        long t0 = System.nanoTime();
        long bytes = 0;
        for (String t : pc.tables().carry()) {
            var info = catalog.table(t);
            if (info.isPresent()) {
                bytes += TableCopier.copy(conn, info.get(), OutputStream.nullOutputStream()).bytes();
            }
            if (bytes >= SAMPLE_BYTES) {
                break;
            }
        }
        sampleBytes = bytes;
        sampleNanos = System.nanoTime() - t0;
        sampleSource = "PostgreSQL COPY of the carried tables";
    }

    private Plan.KeycloakPlan keycloak() {
        var kcConfig = SourceConfig.require(config.keycloak(), StoreKind.KEYCLOAK.label(), configFile);
        try (KeycloakClient client = KeycloakClient.connect(kcConfig)) {
            try {
                return keycloak(client, kcConfig.realm());
            } catch (RuntimeException e) {
                throw e instanceof FerryException fe ? fe : client.translate(e);
            }
        }
    }

    private Plan.KeycloakPlan keycloak(KeycloakClient client, String realm) {
        RealmReader reader = new RealmReader(client);
        ObjectNode read = reader.readRealm();
        long groups = RealmReader.countGroups(read.path("groups"));
        List<MaskedValues.LeftOut> leftOut = List.of();
        try {
            leftOut = KeycloakExporter.carried(read, offline).leftOut();
        } catch (FerryException refused) {
            // The export would stop on it: a problem of the plan, listed with the rest, while the figures still show.
            problems.add("Keycloak: " + refused.problem() + " — " + refused.fix());
            worst = worst == ExitCode.OK || refused.exitCode() == ExitCode.USAGE ? refused.exitCode() : worst;
        }
        Set<String> roots = new java.util.HashSet<>();
        read.path("groups").forEach(g -> roots.add(g.path("id").asText()));
        Map<String, JsonNode> offlineUsers = offline == null ? Map.of() : offline.usersById();
        long[] n = new long[3];
        reader.forEachUser(u -> {
            n[0]++;
            n[1] += u.path("ferryNeedsWebAuthnReenrolment").asBoolean() ? 1 : 0;
            JsonNode off = offlineUsers.get(u.path("id").asText());
            n[2] += off != null && OfflineRealmExport.carriesPasswordHash(off) ? 0 : 1;
        });
        rootGroupIds = roots;
        return new Plan.KeycloakPlan(realm, n[0], groups, roots.size(), n[1], n[2], offline != null, read.path("users").size(),
                leftOut);
    }

    private Plan.OpenFgaPlan openfga() {
        var fgaConfig = SourceConfig.require(config.openfga(), StoreKind.OPENFGA.label(), configFile);
        OpenFgaStoreClient client = OpenFgaStoreClient.connect(fgaConfig);
        int models = client.models().size();
        if (models == 0) {
            problems.add("OpenFGA: " + fgaConfig.store().describe() + " has no authorization model — "
                    + "check openfga.store; the Target cannot load tuples without one.");
        }
        long[] usernames = {0};
        TupleReferences refs = new TupleReferences();
        long tuples = client.forEachTuple(t -> {
            usernames[0] += t.isUsernameForm() ? 1 : 0;
            refs.add(t.key());
        });
        tupleRefs = refs;
        return new Plan.OpenFgaPlan(client.storeId(), client.storeName(), models, tuples, usernames[0]);
    }

    private Plan.ObjectsPlan objects() {
        ObjectsConfig oc = SourceConfig.require(config.objects(), StoreKind.OBJECTS.label(), configFile);
        ObjectStoreClient client = new ObjectStoreClient(oc);
        List<Plan.BucketPlan> buckets = new ArrayList<>();
        List<ObjectInfo> sample = new ArrayList<>();
        long[] sampled = {0};
        DeltaCounter counter = base == null ? null : new DeltaCounter();
        ObjectCatalog now = new ObjectCatalog();
        for (String bucket : BucketSelector.resolve(client)) {
            long[] n = new long[2];
            java.util.Set<String> listed = new java.util.HashSet<>();
            client.list(bucket, o -> {
                if (!listed.add(o.key())) {
                    return; // a key some servers repeat across pages
                }
                n[0]++;
                n[1] += o.size();
                if (counter != null) {
                    now.put(new CatalogEntry(o.bucket(), o.key(), o.size(), o.etag(), o.lastModified(), null));
                    counter.count(rule.classify(o, base.catalog().get(o.bucket(), o.key())), o.size());
                }
                if (sampled[0] < SAMPLE_BYTES && o.size() > 0) {
                    sample.add(o);
                    sampled[0] += o.size();
                }
            });
            buckets.add(new Plan.BucketPlan(bucket, n[0], n[1]));
        }
        long t0 = System.nanoTime();
        long bytes = 0;
        for (ObjectInfo o : sample) {
            try (ObjectStoreClient.OpenObject open = client.open(o)) {
                bytes += open.copyTo(new HashingOutputStream(OutputStream.nullOutputStream()));
            }
        }
        if (bytes > 0) {
            sampleBytes = bytes;
            sampleNanos = System.nanoTime() - t0;
            sampleSource = sample.size() + " objects read and hashed";
        }
        if (counter != null) {
            long deleted = 0;
            long deletedBytes = 0;
            for (CatalogEntry gone : base.catalog().missingFrom(now)) {
                deleted++;
                deletedBytes += gone.size();
            }
            long[] c = counter.n;
            compareBytes = c[7];
            delta = new Plan.DeltaPlan(base.bundleId(), String.valueOf(base.manifest().createdAt()), rule.changedAfter().toString(),
                    rule.safetyMargin().toSeconds(), rule.compareContent(), c[0], c[1], c[2], c[3], deleted, deletedBytes,
                    c[4], c[5], c[6], c[7], now.size(), now.bytes());
        }
        return new Plan.ObjectsPlan(buckets, buckets.stream().mapToLong(Plan.BucketPlan::objects).sum(),
                buckets.stream().mapToLong(Plan.BucketPlan::bytes).sum());
    }

    /** Objects and bytes per verdict: added, changed, unchanged, to compare. */
    private static final class DeltaCounter {
        final long[] n = new long[8];

        void count(ChangeRule.Verdict verdict, long size) {
            int i = switch (verdict) {
                case ADDED -> 0;
                case CHANGED -> 2;
                case UNCHANGED -> 4;
                case COMPARE_CONTENT -> 6;
            };
            n[i]++;
            n[i + 1] += size;
        }
    }
}
