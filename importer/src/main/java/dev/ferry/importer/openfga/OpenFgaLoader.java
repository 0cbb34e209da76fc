package dev.ferry.importer.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.common.VerificationException;
import dev.ferry.importer.config.OpenFgaTarget;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.delta.BaseLoad;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.journal.StepRecord;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.cli.Progress;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.importer.load.StoreOutcome.Notice;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.openfga.FgaEntries;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.SubjectFilter;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import dev.openfga.sdk.api.model.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the new OpenFGA store named in the config, copies the authorization models oldest→newest (model ids are never
 * preserved, so the old→new map is kept in the journal) and writes the filtered tuple set (runbook §1.2): UUID-form
 * and {@code user:*} subjects kept, username-form ones dropped and reported, or mapped through the bundle's Keycloak
 * username→id table when the config asks for it. Prints the store id and model id the application config needs.
 */
public final class OpenFgaLoader implements StoreLoader {
    private static final StoreKind STORE = StoreKind.OPENFGA;
    private static final String STEP_STORE = "openfga.store";
    private static final String STEP_MODELS = "openfga.models";
    private static final String STEP_TUPLES = "openfga.tuples";

    private final OpenFgaTarget target;
    private final ObjectMapper json = new ObjectMapper();
    /** The earlier load a delta builds on; null for a full bundle. */
    private final BaseLoad base;
    /** The bundle's filtered tuple set, read once per command: the check and the sync of a delta both need it. */
    private Desired desired;
    /**
     * The difference the check of a delta read from the Target store, handed to the load that follows in the same
     * command so the store's tuples are read once, not twice. Taken once; a resumed load reads the store again.
     */
    private TupleDiff checked;
    /** The store {@link #checked} was read from. */
    private String checkedStore;
    /** The bundle's models.json, read once per command. */
    private JsonNode models;

    public OpenFgaLoader(OpenFgaTarget target) {
        this(target, null);
    }

    public OpenFgaLoader(OpenFgaTarget target, BaseLoad base) {
        this.target = target;
        this.base = base;
    }

    @Override
    public StoreKind store() {
        return STORE;
    }

    @Override
    public StoreOutcome check(VerifiedBundle bundle, Journal journal) {
        JsonNode models = readModels(bundle);
        OpenFgaStoreClient client = OpenFgaStoreClient.unbound(target.connection());
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("storeName", target.storeName());
        outputs.put("store", resolveStore(client, journal, false));
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Long> carried = bundle.manifest().stores().get(STORE.label()).counts();
        counts.put(CountNames.MODELS, (long) models.path("models").size());
        counts.put(CountNames.TUPLES, carried.getOrDefault(CountNames.TUPLES, 0L));
        counts.put(CountNames.TUPLES_USERNAME_FORM, carried.getOrDefault(CountNames.TUPLES_USERNAME_FORM, 0L));
        if (base != null) {
            client.useStore(outputs.get("store"), target.storeName());
            TupleDiff diff = TupleDiff.of(client, desired(bundle).tuples());
            checkNotMoved(diff, journal);
            checked = diff;
            checkedStore = outputs.get("store");
            counts.put("tuples:added", (long) diff.added().size());
            counts.put("tuples:removed", (long) diff.removed().size());
            counts.put("tuples:unchanged", diff.unchanged());
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.PLANNED, counts, outputs, List.of());
    }

    /** The store the load writes to: from the journal, adopted after a crash right after creation, or "(new)". */
    private String resolveStore(OpenFgaStoreClient client, Journal journal, boolean create) {
        StepRecord step = journal.step(STEP_STORE).orElse(null);
        if (step != null && step.done()) {
            return step.details().get("storeId");
        }
        List<Store> named = client.storesNamed(target.storeName());
        if (base != null) {
            String id = base.step(STEP_STORE).get("storeId");
            if (id == null || named.stream().noneMatch(s -> s.getId().equals(id))) {
                throw new MismatchException("the Target OpenFGA has no store '" + target.storeName() + "' with id " + id
                        + ", which the load of bundle " + base.bundleId() + " created or adopted",
                        "check openfga.storeName and openfga.apiUrl in target.yaml (they must be those of the first load); "
                                + "if the store was deleted, load the full bundles onto a fresh Target; nothing was written");
            }
            if (create) {
                journal.done(STEP_STORE, Map.of("storeId", id, "from", "bundle " + base.bundleId()));
            }
            return id;
        }
        if (step == null && named.size() == 1) {
            // kea creates its store by name at start-up (create_store_if_needed) and writes its model into it, before
            // Ferry loads: an empty store of the configured name is adopted, one that holds tuples is not.
            Store kea = named.get(0);
            client.useStore(kea.getId(), kea.getName());
            if (!client.hasTuples()) {
                if (create) {
                    journal.done(STEP_STORE, Map.of("storeId", kea.getId(), "adopted", "true"));
                }
                return kea.getId();
            }
        }
        if (!named.isEmpty()) {
            if (step != null && named.size() == 1) {
                // The journal saw us start creating it, and the crash came before the id was recorded: it is ours.
                if (create) {
                    journal.done(STEP_STORE, Map.of("storeId", named.get(0).getId()));
                }
                return named.get(0).getId();
            }
            throw new MismatchException("the Target OpenFGA already has " + named.size() + " store(s) named '" + target.storeName()
                    + "' (" + named.stream().map(Store::getId).toList() + ") that this load did not create"
                    + (named.size() == 1 ? ", and it holds tuples" : ""),
                    "the load writes into a new store, or adopts an empty one (kea's own at start-up), never into one that holds "
                            + "tuples: set openfga.storeName to an unused name, or delete the old store; "
                            + "if it comes from an interrupted load of this bundle, re-run with --resume and the same stateDir");
        }
        if (!create) {
            return "(new)";
        }
        journal.started(STEP_STORE, Map.of("storeName", target.storeName()));
        String id = client.createStore(target.storeName());
        journal.done(STEP_STORE, Map.of("storeId", id));
        return id;
    }

    @Override
    public StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress) {
        JsonNode models = readModels(bundle);
        OpenFgaStoreClient client = OpenFgaStoreClient.unbound(target.connection());
        String storeId = resolveStore(client, journal, true);
        client.useStore(storeId, target.storeName());
        List<String> newModelsNewestFirst = writeModels(client, models, journal, progress);

        if (base != null) {
            return syncTuples(bundle, journal, progress, client, storeId, newModelsNewestFirst);
        }
        Map<String, String> usernames = bundle.stores().contains(StoreKind.KEYCLOAK.label())
                ? KeycloakBundle.read(bundle).usernameToId() : Map.of();
        SubjectFilter.Selection selection = new SubjectFilter(target.usernameTuples() == UsernameTuples.MAP, usernames).select();
        long total = bundle.manifest().stores().get(STORE.label()).counts().getOrDefault(CountNames.TUPLES, -1L);
        TupleSetFingerprint written = new TupleSetFingerprint();
        long[] read = new long[1];
        List<String> refused;
        long writtenCount;
        journal.started(STEP_TUPLES, Map.of("storeId", storeId));
        try (Progress.Task task = progress.start(STORE.label(), CountNames.TUPLES, total, "tuples");
                TupleWriter writer = new TupleWriter(client, newModelsNewestFirst, target.concurrency(), task)) {
            bundle.read(STORE.label(), 1, entry -> {
                if (!entry.path().equals(FgaEntries.TUPLES)) {
                    return;
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(entry.open(), StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    read[0]++;
                    selection.offer(TupleRecord.fromJson(json.readTree(line))).ifPresent(t -> {
                        written.add(t);
                        writer.add(t);
                    });
                }
            });
            for (TupleRecord mapped : selection.finish()) {
                written.add(mapped);
                writer.add(mapped);
            }
            writer.finish();
            refused = writer.refused();
            writtenCount = writer.written();
        }
        List<String> dropped = selection.dropped().stream().map(TupleRecord::key).toList();
        List<String> possibleLoss = selection.dropped().stream().filter(selection::mayBeLost).map(TupleRecord::key).toList();
        if (!refused.isEmpty()) {
            throw new StoreException("OpenFGA refused " + refused.size() + " tuple(s) under every authorization model of the bundle: "
                    + String.join(", ", refused.subList(0, Math.min(20, refused.size()))),
                    "these tuples are invalid on the Source too; fix them there or accept their loss explicitly. The other "
                            + "tuples are written; --resume rewrites nothing twice");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tuples:read", read[0]);
        counts.put("tuples:written", writtenCount);
        counts.put("tuples:dropped-username-form", (long) dropped.size());
        counts.put("tuples:possible-loss", (long) possibleLoss.size());
        counts.put("tuples:mapped", (long) (selection.usernameForm().size() - dropped.size()));
        counts.put(CountNames.MODELS, (long) newModelsNewestFirst.size());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("storeId", storeId);
        details.put("tupleSetFingerprint", written.hex());
        counts.forEach((k, v) -> details.put(k, Long.toString(v)));
        journal.done(STEP_TUPLES, details);

        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("storeName", target.storeName());
        outputs.put("storeId", storeId);
        outputs.put("authorizationModelId", newModelsNewestFirst.get(0));
        // The filtered set's fingerprint, the export's definition: validate compares the Target store with it.
        outputs.put("tupleSetFingerprint", written.hex());
        List<Notice> notices = new ArrayList<>();
        if (!dropped.isEmpty()) {
            notices.add(new Notice("username-form tuples dropped (runbook §1.2)", dropped));
        }
        if (!possibleLoss.isEmpty()) {
            notices.add(new Notice(target.usernameTuples() == UsernameTuples.MAP
                    ? "dropped tuples whose username is no Keycloak user of the bundle: POSSIBLE LOSS (add the grant by hand if needed)"
                    : "dropped tuples with no UUID twin: POSSIBLE LOSS (set openfga.usernameTuples: map to keep them)", possibleLoss));
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.LOADED, counts, outputs, notices);
    }

    /** The bundle's tuple set after the subject filter, as the full load writes it, with what the filter dropped. */
    record Desired(Map<String, TupleRecord> tuples, SubjectFilter.Selection selection, long read) {
    }

    private Desired desired(VerifiedBundle bundle) {
        if (desired == null) {
            desired = readDesired(bundle);
        }
        return desired;
    }

    private Desired readDesired(VerifiedBundle bundle) {
        Map<String, String> usernames = bundle.stores().contains(StoreKind.KEYCLOAK.label())
                ? KeycloakBundle.read(bundle).usernameToId() : Map.of();
        SubjectFilter.Selection selection = new SubjectFilter(target.usernameTuples() == UsernameTuples.MAP, usernames).select();
        Map<String, TupleRecord> tuples = new LinkedHashMap<>();
        long[] read = new long[1];
        bundle.read(STORE.label(), 1, entry -> {
            if (!entry.path().equals(FgaEntries.TUPLES)) {
                return;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(entry.open(), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    read[0]++;
                    selection.offer(TupleRecord.fromJson(json.readTree(line))).ifPresent(t -> tuples.put(t.fingerprintLine(), t));
                }
            }
        });
        selection.finish().forEach(t -> tuples.put(t.fingerprintLine(), t));
        return new Desired(tuples, selection, read[0]);
    }

    /**
     * Before a delta writes: the store must hold the tuple set the earlier load left (its fingerprint is in that
     * load's journal), unless this delta's own load already started writing tuples (a resume).
     */
    private void checkNotMoved(TupleDiff diff, Journal journal) {
        String left = base.step(STEP_TUPLES).get("tupleSetFingerprint");
        if (left != null && !journal.step(STEP_TUPLES).isPresent() && !left.equals(diff.targetFingerprint())) {
            throw new MismatchException("the Target OpenFGA store changed since bundle " + base.bundleId() + " was loaded: it holds "
                    + diff.targetCount() + " tuple(s) whose set differs from the " + base.step(STEP_TUPLES).getOrDefault("tuples:written", "?")
                    + " that load wrote",
                    "find out who wrote to the store (kea must stay stopped until the freeze load is validated); restore it, or "
                            + "load the full bundles onto a fresh Target; nothing was written");
        }
    }

    /**
     * A delta: the store becomes the bundle's filtered tuple set. Tuples the store holds and the bundle does not are
     * deleted (on_missing: ignore), then the missing ones written (on_duplicate: ignore), so a resume after a crash
     * recomputes the difference and ends where an uninterrupted load would.
     */
    private StoreOutcome syncTuples(VerifiedBundle bundle, Journal journal, Progress progress, OpenFgaStoreClient client,
            String storeId, List<String> modelsNewestFirst) {
        Desired desired = desired(bundle);
        // The check of this command read the store after the Target-moved check, and nothing else writes to it (kea
        // stays stopped until the freeze load is validated, and validate compares the whole set): its difference
        // stands. Deletes and writes are idempotent, so a crash and --resume, which reads the store again, still
        // ends at the bundle's set.
        TupleDiff diff = checked != null && storeId.equals(checkedStore) ? checked : TupleDiff.of(client, desired.tuples());
        checked = null;
        journal.started(STEP_TUPLES, Map.of("storeId", storeId));
        List<String> refused;
        long writtenCount;
        try (Progress.Task task = progress.start(STORE.label(), CountNames.TUPLES, diff.added().size() + diff.removed().size(), "tuples")) {
            List<TupleRecord> batch = new ArrayList<>();
            for (TupleRecord t : diff.removed()) {
                batch.add(t);
                if (batch.size() == TupleWriter.MAX_PER_WRITE) {
                    client.delete(batch);
                    task.advance(batch.size());
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                client.delete(batch);
                task.advance(batch.size());
            }
            try (TupleWriter writer = new TupleWriter(client, modelsNewestFirst, target.concurrency(), task)) {
                diff.added().forEach(writer::add);
                writer.finish();
                refused = writer.refused();
                writtenCount = writer.written();
            }
        }
        if (!refused.isEmpty()) {
            throw new StoreException("OpenFGA refused " + refused.size() + " tuple(s) under every authorization model of the bundle: "
                    + String.join(", ", refused.subList(0, Math.min(20, refused.size()))),
                    "these tuples are invalid on the Source too; fix them there or accept their loss explicitly; --resume rewrites nothing twice");
        }
        TupleSetFingerprint fingerprint = new TupleSetFingerprint();
        desired.tuples().values().forEach(fingerprint::add);
        SubjectFilter.Selection selection = desired.selection();
        List<String> dropped = selection.dropped().stream().map(TupleRecord::key).toList();
        List<String> possibleLoss = selection.dropped().stream().filter(selection::mayBeLost).map(TupleRecord::key).toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tuples:read", desired.read());
        counts.put("tuples:added", writtenCount);
        counts.put("tuples:removed", (long) diff.removed().size());
        counts.put("tuples:unchanged", diff.unchanged());
        counts.put("tuples:written", (long) desired.tuples().size());
        counts.put("tuples:dropped-username-form", (long) dropped.size());
        counts.put("tuples:possible-loss", (long) possibleLoss.size());
        counts.put(CountNames.MODELS, (long) modelsNewestFirst.size());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("storeId", storeId);
        details.put("tupleSetFingerprint", fingerprint.hex());
        counts.forEach((k, v) -> details.put(k, Long.toString(v)));
        journal.done(STEP_TUPLES, details);
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("storeName", target.storeName());
        outputs.put("storeId", storeId);
        outputs.put("authorizationModelId", modelsNewestFirst.get(0));
        outputs.put("tupleSetFingerprint", fingerprint.hex());
        List<Notice> notices = new ArrayList<>();
        if (!possibleLoss.isEmpty()) {
            notices.add(new Notice("dropped tuples with no UUID twin: POSSIBLE LOSS", possibleLoss));
        }
        if (!dropped.isEmpty()) {
            notices.add(new Notice("username-form tuples dropped (runbook §1.2)", dropped));
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.LOADED, counts, outputs, notices);
    }

    /** Writes models oldest→newest, recording each new id as it goes so a resume never writes one twice. */
    private List<String> writeModels(OpenFgaStoreClient client, JsonNode models, Journal journal, Progress progress) {
        Map<String, String> done = new LinkedHashMap<>(journal.step(STEP_MODELS).map(StepRecord::details).orElse(Map.of()));
        if (base != null && done.isEmpty()) {
            // Models the earlier load wrote are in the store already: only the Source's newer ones are written.
            done.putAll(base.step(STEP_MODELS));
        }
        List<JsonNode> newestFirst = new ArrayList<>();
        models.path("models").forEach(newestFirst::add);
        if (newestFirst.isEmpty()) {
            throw new VerificationException("the bundle's OpenFGA store carries no authorization model",
                    "export again: a store without a model cannot hold tuples");
        }
        List<String> result = new ArrayList<>();
        int written = 0;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            JsonNode m = newestFirst.get(i);
            String oldId = m.path("id").asText();
            String newId = done.get(oldId);
            if (newId == null) {
                newId = client.writeModel(m);
                done.put(oldId, newId);
                journal.started(STEP_MODELS, done);
                written++;
            }
            result.add(0, newId);
        }
        journal.done(STEP_MODELS, done);
        progress.info(STORE.label(), "authorization models: " + written + " written, " + (result.size() - written)
                + " already in the store (latest " + result.get(0) + ")");
        return result;
    }

    private JsonNode readModels(VerifiedBundle bundle) {
        if (this.models == null) {
            this.models = readModelsOnce(bundle);
        }
        return this.models;
    }

    private JsonNode readModelsOnce(VerifiedBundle bundle) {
        JsonNode[] models = new JsonNode[1];
        bundle.read(STORE.label(), 1, entry -> {
            if (entry.path().equals(FgaEntries.MODELS)) {
                models[0] = json.readTree(entry.open());
            }
        });
        if (models[0] == null) {
            throw new VerificationException("the bundle's openfga store has no " + FgaEntries.MODELS,
                    "the bundle was not written by a compatible ferry-export; export again");
        }
        return models[0];
    }
}
