package dev.ferry.importer.upgrade.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.common.ConfigException;
import dev.ferry.common.StoreException;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.upgrade.agents.AgentOutcome;
import dev.ferry.importer.upgrade.agents.AgentOwners;
import dev.ferry.importer.upgrade.agents.AgentUpgrade;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.importer.upgrade.objects.BucketCopy;
import dev.ferry.importer.upgrade.rows.ChatContextPrompts;
import dev.ferry.importer.upgrade.rows.KeaToSwiftRows;
import dev.ferry.importer.upgrade.rows.Row;
import dev.ferry.importer.upgrade.rows.RowMapper;
import dev.ferry.importer.upgrade.rows.RowOutcome;
import dev.ferry.importer.upgrade.rows.TargetRow;
import dev.ferry.importer.upgrade.schema.SwiftSchema;
import dev.ferry.importer.upgrade.teams.KeaTeamRow;
import dev.ferry.importer.upgrade.teams.SwiftTeams;
import dev.ferry.importer.upgrade.teams.TeamPlan;
import dev.ferry.importer.upgrade.tuples.FgaTuple;
import dev.ferry.importer.upgrade.tuples.TupleSink;
import dev.ferry.importer.upgrade.tuples.TupleUpgrade;
import dev.ferry.importer.upgrade.tuples.TupleUpgradeInputs;
import dev.ferry.importer.upgrade.tuples.TupleUpgradeResult;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import dev.ferry.stores.postgres.PostgresClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Chapter 2 on the Target: reads kea (database, OpenFGA store, realm, buckets) and writes swift (database, OpenFGA
 * store, buckets), in this order: the swift schema check, then the plan (Keycloak facts, one pass over kea's tuples
 * for the agents' owners and the referenced teams, one over the agents), then teams → rows → tuples → objects.
 * Nothing is ever written to a kea store. Every write is an upsert by primary key, a tuple write with
 * {@code on_duplicate: ignore} or a copy under the same key, so a re-run changes nothing and a resumed run (the
 * journal records each finished step) ends identical to an uninterrupted one.
 */
public final class Upgrade {
    public static final String APP_CLIENT = "app";
    static final int TUPLE_BATCH = 100;

    private final UpgradeConfig config;
    private final PrintStream progress;

    public Upgrade(UpgradeConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /** The journal's id: one per (kea database, swift database, swift store), so two upgrades never share one. */
    public String journalId() {
        String basis = config.kea().postgres().url() + "\n" + config.swift().postgres().url() + "\n" + config.swift().openfga().store().describe();
        return "upgrade-" + sha256(basis).substring(0, 16);
    }

    public UpgradeSummary run(boolean dryRun, boolean resume) {
        long start = System.nanoTime();
        PostgresClient keaPg = new PostgresClient(config.kea().postgres());
        PostgresClient swiftPg = new PostgresClient(config.swift().postgres());
        try (SwiftDatabase swift = new SwiftDatabase(swiftPg)) {
            step("checking the swift schema");
            swift.requireSchema();
            Journal journal = dryRun ? null : openJournal(resume);
            OpenFgaStoreClient keaFga = OpenFgaStoreClient.connect(config.kea().openfga());
            OpenFgaStoreClient swiftFga = OpenFgaStoreClient.connect(config.swift().openfga());
            String modelId = latestModel(swiftFga);
            KeycloakFacts facts;
            try (KeycloakClient kc = KeycloakClient.connect(config.keycloak())) {
                step("reading the kea realm's groups, members and app client roles");
                facts = KeycloakFacts.read(kc, APP_CLIENT);
            }
            try (KeaReader kea = new KeaReader(keaPg, config.fetchSize())) {
                Plan plan = plan(kea, keaFga, facts);
                long planned = System.nanoTime();
                Map<String, UpgradeSummary.TableCount> tables = new LinkedHashMap<>();
                UpgradeSummary.ObjectCount objects = new UpgradeSummary.ObjectCount(0, 0, 0, List.of());
                if (journal != null) {
                    journal.started("upgrade", Map.of("swiftStoreId", swiftFga.storeId(), "swiftModelId", modelId));
                    journal.done(RunRecord.PLAN_STEP, Map.of(RunRecord.MILLIS, Long.toString(millisSince(start)),
                            "gaps", Integer.toString(plan.gaps.size()), "needsAPerson", Integer.toString(plan.teams.needsAPerson().size())));
                }
                writeTeams(plan.teams, dryRun ? null : swift, journal, tables);
                for (RowMapper m : KeaToSwiftRows.all()) {
                    rows(kea, m.target().name(), m.sourceTable(), m.sourceColumns(), m.sourceKey(), m::map, dryRun ? null : swift, journal, tables);
                }
                ChatContextPrompts prompts = new ChatContextPrompts();
                rows(kea, "prompt", "resource", ChatContextPrompts.MAPPER.sourceColumns(), ChatContextPrompts.MAPPER.sourceKey(), prompts::map,
                        dryRun ? null : swift, journal, tables);
                AgentUpgrade agents = new AgentUpgrade(config.templateMapping(), plan.owners);
                rows(kea, "agent_instance", "agent", AgentUpgrade.SOURCE_COLUMNS, List.of("id"), r -> {
                    AgentOutcome o = agents.map(r);
                    return o instanceof AgentOutcome.Mapped m ? new RowOutcome.Write(m.row()) : new RowOutcome.Skip(o.status().name());
                }, dryRun ? null : swift, journal, tables);
                if (!dryRun) {
                    writeTuples(keaFga, swiftFga, modelId, plan.inputs, journal);
                    if (config.objects() != null) {
                        objects = copyObjects(journal);
                    }
                    journal.done("upgrade", Map.of("swiftStoreId", swiftFga.storeId(), "swiftModelId", modelId,
                            RunRecord.MILLIS, Long.toString(millisSince(start)), "writeMillis", Long.toString(millisSince(planned))));
                    journal.markComplete();
                    journal.close();
                }
                return new UpgradeSummary(dryRun, tables, plan.agentCounts, plan.gaps, plan.ignored, plan.skipped, plan.tuples.tally(),
                        plan.fingerprint.hex(), plan.fingerprint.size(), plan.teams.needsAPerson(), plan.notes, objects, swiftFga.storeId(), modelId,
                        millisSince(start));
            }
        }
    }

    /** The plan's state: what the writing steps and the summary need, all of it per team, per user or per agent. */
    public static final class Plan {
        public TupleUpgradeInputs inputs;
        public AgentOwners owners = new AgentOwners();
        public TupleUpgradeResult tuples;
        public TupleSetFingerprint fingerprint = new TupleSetFingerprint();
        public TeamPlan teams;
        public Map<AgentOutcome.Status, Long> agentCounts = new EnumMap<>(AgentOutcome.Status.class);
        public List<AgentOutcome.Gap> gaps = new ArrayList<>();
        public List<AgentOutcome.Ignored> ignored = new ArrayList<>();
        public List<AgentOutcome.Skipped> skipped = new ArrayList<>();
        public Set<String> agentTeams = new TreeSet<>();
        public List<String> notes = new ArrayList<>();
        public KeycloakFacts facts;
    }

    /** Reads kea and decides everything that depends on a whole set (owners, teams, names), writing nothing. */
    public Plan plan(KeaReader kea, OpenFgaStoreClient keaFga, KeycloakFacts facts) {
        Plan p = new Plan();
        p.facts = facts;
        Map<String, KeaTeamRow> keaRows = new TreeMap<>();
        kea.forEach("teammetadata", KeaTeamRow.SOURCE_COLUMNS, List.of("id"), r -> {
            KeaTeamRow t = KeaTeamRow.of(r);
            keaRows.put(t.id(), t);
        });
        Set<String> privateTeams = new HashSet<>();
        keaRows.values().stream().filter(KeaTeamRow::isPrivate).forEach(t -> privateTeams.add(t.id()));
        p.inputs = new TupleUpgradeInputs(facts.groupMembers(), facts.appClientRoles(), privateTeams, Set.of(), config.organization());
        step("planning the tuples (one read of kea's store)");
        Iterator<FgaTuple> source = new KeaTuples(keaFga);
        Iterator<FgaTuple> withOwners = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public FgaTuple next() {
                FgaTuple t = source.next();
                p.owners.accept(t);
                return t;
            }
        };
        p.tuples = new TupleUpgrade(p.inputs).run(withOwners, new TupleSink() {
            @Override
            public void write(FgaTuple swift) {
                p.fingerprint.add(record(swift));
            }
        });
        step("planning the agents");
        AgentUpgrade agents = new AgentUpgrade(config.templateMapping(), p.owners);
        kea.forEach("agent", AgentUpgrade.SOURCE_COLUMNS, List.of("id"), r -> {
            AgentOutcome o = agents.map(r);
            p.agentCounts.merge(o.status(), 1L, Long::sum);
            if (o instanceof AgentOutcome.Mapped m) {
                p.agentTeams.add((String) m.row().get("team_id"));
            } else if (o instanceof AgentOutcome.Gap g) {
                p.gaps.add(g);
            } else if (o instanceof AgentOutcome.Ignored i) {
                p.ignored.add(i);
            } else if (o instanceof AgentOutcome.Skipped s) {
                p.skipped.add(s);
            }
        });
        p.teams = SwiftTeams.plan(p.tuples.referencedTeams(), p.agentTeams, facts.groupNames(), keaRows, p.tuples.teamsMadePublic());
        p.notes.addAll(p.teams.notes());
        if (p.tuples.tally().memberTuplesWithoutGroup() > 0) {
            p.notes.add(p.tuples.tally().memberTuplesWithoutGroup() + " kea member tuple(s) name users who are no longer in the team's Keycloak group: kept as team_member, review them");
        }
        return p;
    }

    static TupleRecord record(FgaTuple t) {
        return new TupleRecord(t.user(), t.relation(), t.object(), null, null);
    }

    private void writeTeams(TeamPlan teams, SwiftDatabase swift, Journal journal, Map<String, UpgradeSummary.TableCount> tables) {
        String step = "swift.teammetadata";
        if (journal != null && journal.isDone(step)) {
            tables.put("teammetadata", counted(journal, step));
            return;
        }
        long started = System.nanoTime();
        long changed = 0;
        if (swift != null) {
            begin(journal, step);
            try (SwiftDatabase.Upsert u = swift.upsert(SwiftSchema.TEAMMETADATA)) {
                teams.rows().forEach(u::write);
                u.close();
                changed = u.changed();
            }
        }
        UpgradeSummary.TableCount c = new UpgradeSummary.TableCount(teams.rows().size(), teams.rows().size(), changed, Map.of());
        tables.put("teammetadata", c);
        finish(journal, step, c, started);
    }

    private void rows(KeaReader kea, String target, String source, List<String> columns, List<String> key, Function<Row, RowOutcome> map,
            SwiftDatabase swift, Journal journal, Map<String, UpgradeSummary.TableCount> tables) {
        String step = "swift." + target;
        if (journal != null && journal.isDone(step)) {
            tables.put(target, counted(journal, step));
            return;
        }
        step((swift == null ? "planning " : "writing ") + target + " from kea " + source);
        long started = System.nanoTime();
        begin(journal, step);
        Map<String, Long> skipped = new TreeMap<>();
        long[] written = {0};
        SwiftDatabase.Upsert upsert = swift == null ? null : swift.upsert(SwiftSchema.tables().stream().filter(t -> t.name().equals(target)).findFirst().orElseThrow());
        long read = kea.forEach(source, columns, key, r -> {
            RowOutcome o = map.apply(r);
            if (o instanceof RowOutcome.Write w) {
                written[0]++;
                if (upsert != null) {
                    upsert.write(w.row());
                }
            } else if (o instanceof RowOutcome.Skip s) {
                skipped.merge(s.reason(), 1L, Long::sum);
            }
        });
        long changed = 0;
        if (upsert != null) {
            upsert.close();
            changed = upsert.changed();
        }
        UpgradeSummary.TableCount c = new UpgradeSummary.TableCount(read, written[0], changed, skipped);
        tables.put(target, c);
        finish(journal, step, c, started);
    }

    private void writeTuples(OpenFgaStoreClient keaFga, OpenFgaStoreClient swiftFga, String modelId, TupleUpgradeInputs inputs, Journal journal) {
        String step = "swift.tuples";
        if (journal.isDone(step)) {
            return;
        }
        step("writing swift's tuples (batches of " + TUPLE_BATCH + ", on_duplicate ignore, model " + modelId + ")");
        begin(journal, step);
        long started = System.nanoTime();
        List<TupleRecord> batch = new ArrayList<>(TUPLE_BATCH);
        long[] written = {0};
        Consumer<List<TupleRecord>> flush = b -> {
            if (!b.isEmpty()) {
                if (!swiftFga.write(b, modelId)) {
                    throw new StoreException("swift's OpenFGA model " + modelId + " refuses a batch of tuples the upgrade maps (first: "
                            + b.get(0).fingerprintLine().strip() + ")",
                            "check that swift.openfga.store names the store swift created at start-up and that swift's model is the one the upgrade targets (fred-stores.md §3.2)");
                }
                written[0] += b.size();
                b.clear();
            }
        };
        new TupleUpgrade(inputs).run(new KeaTuples(keaFga), new TupleSink() {
            @Override
            public void write(FgaTuple swift) {
                batch.add(record(swift));
                if (batch.size() == TUPLE_BATCH) {
                    flush.accept(batch);
                }
            }
        });
        flush.accept(batch);
        journal.done(step, Map.of("tuples", Long.toString(written[0]), RunRecord.MILLIS, Long.toString(millisSince(started))));
    }

    private UpgradeSummary.ObjectCount copyObjects(Journal journal) {
        String step = "objects";
        if (journal.isDone(step)) {
            return new UpgradeSummary.ObjectCount(0, Long.parseLong(journal.step(step).orElseThrow().details().getOrDefault("objects", "0")), 0, List.of());
        }
        begin(journal, step);
        long started = System.nanoTime();
        BucketCopy.Result r = new BucketCopy(new ObjectStoreClient(config.objects().connection()), config.objects().mapping(),
                config.objects().concurrency(), this::step).run(journal);
        journal.done(step, Map.of("objects", Long.toString(r.copied() + r.alreadyDone()), "copied", Long.toString(r.copied()),
                "alreadyDone", Long.toString(r.alreadyDone()), "bytes", Long.toString(r.bytes()), "concurrency", Integer.toString(config.objects().concurrency()),
                "missingKeaBuckets", String.join(",", r.missingKeaBuckets()), RunRecord.MILLIS, Long.toString(millisSince(started))));
        return new UpgradeSummary.ObjectCount(r.copied(), r.alreadyDone(), r.bytes(), r.missingKeaBuckets());
    }

    private static UpgradeSummary.TableCount counted(Journal journal, String step) {
        Map<String, String> d = journal.step(step).orElseThrow().details();
        return new UpgradeSummary.TableCount(Long.parseLong(d.getOrDefault("read", "0")), Long.parseLong(d.getOrDefault("written", "0")), 0,
                RunRecord.skipped(d));
    }

    private static void begin(Journal journal, String step) {
        if (journal != null) {
            journal.started(step, Map.of());
        }
    }

    private static void finish(Journal journal, String step, UpgradeSummary.TableCount c, long startedNanos) {
        if (journal != null) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("read", Long.toString(c.read()));
            d.put("written", Long.toString(c.written()));
            d.put("changed", Long.toString(c.changed()));
            d.put(RunRecord.MILLIS, Long.toString(millisSince(startedNanos)));
            // Skip reasons are the transform's own words (GAP, IGNORED, a skip rule's reason), never store data.
            c.skipped().forEach((reason, n) -> d.put(RunRecord.SKIPPED + reason, Long.toString(n)));
            journal.done(step, d);
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * The journal of this upgrade. A finished one is set aside (a re-run is a fresh, idempotent pass); an unfinished
     * one needs --resume, as the load does, so that an operator always knows a run was interrupted.
     */
    private Journal openJournal(boolean resume) {
        String id = journalId();
        Journal j = Journal.open(config.stateDirPath(), id);
        if (j.existed() && j.complete()) {
            try {
                Files.deleteIfExists(j.file());
                Files.deleteIfExists(j.file().resolveSibling(id + ".objects.log"));
            } catch (IOException e) {
                throw new ConfigException("cannot reset the finished upgrade journal " + j.file() + ": " + e.getMessage(), "make the state dir writable");
            }
            return Journal.open(config.stateDirPath(), id);
        }
        if (j.existed() && !resume) {
            throw new ConfigException("an earlier upgrade into this swift stopped before the end (journal " + j.file() + ", last step "
                    + j.lastStep().map(s -> s.name() + " " + s.state()).orElse("none") + ")",
                    "re-run the same command with --resume to continue; nothing will be duplicated");
        }
        if (!j.existed() && resume) {
            step("no earlier upgrade journal: starting from the beginning");
        }
        return j;
    }

    private static String latestModel(OpenFgaStoreClient swift) {
        var models = swift.models();
        if (models.isEmpty()) {
            throw new StoreException("swift's OpenFGA store " + swift.storeName() + " (" + swift.storeId() + ") has no authorization model",
                    "start swift once (it writes its model at start-up, sync_schema_on_init) or write swift's model, then re-run");
        }
        JsonNode newest = models.get(0);
        return newest.path("id").asText();
    }

    private void step(String message) {
        progress.println("ferry-import upgrade: " + message);
        progress.flush();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
