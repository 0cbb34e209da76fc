package dev.ferry.exporter.openfga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.cli.Progress;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.config.OpenFgaConfig;
import dev.ferry.stores.openfga.FgaEntries;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes the store "openfga": models.json and tuples.jsonl, raw and unfiltered (filtering is an import decision). */
public final class OpenFgaExporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenFgaConfig config;

    public OpenFgaExporter(OpenFgaConfig config) {
        this.config = config;
    }

    /** What was carried. */
    public record Result(String storeId, int models, long tuples, long usernameForm, String fingerprint, long bytes) {
    }

    /** The tuple set read now: what the freeze guard compares with the bundle's. */
    public record Reading(long tuples, String fingerprint) {
    }

    public Reading readAgain() {
        OpenFgaStoreClient client = OpenFgaStoreClient.connect(config);
        TupleSetFingerprint fingerprint = new TupleSetFingerprint();
        long n = client.forEachTuple(fingerprint::add);
        return new Reading(n, fingerprint.hex());
    }

    public Result export(StoreWriter store, Progress progress) {
        OpenFgaStoreClient client = OpenFgaStoreClient.connect(config);
        try {
            ArrayNode models = client.models();
            ObjectNode doc = JSON.createObjectNode();
            doc.put("storeName", client.storeName());
            doc.put("storeId", client.storeId());
            doc.put("latestModelId", models.isEmpty() ? null : models.get(0).path("id").asText());
            doc.set("models", models);
            long bytes;
            try (EntryOutputStream e = store.newEntry(FgaEntries.MODELS)) {
                byte[] b = JSON.writeValueAsBytes(doc);
                e.write(b);
                bytes = b.length;
                e.count(CountNames.MODELS, models.size());
            }
            TupleSetFingerprint fingerprint = new TupleSetFingerprint();
            long[] usernames = new long[2];
            try (EntryOutputStream e = store.newEntry(FgaEntries.TUPLES);
                    Progress.Task task = progress.start(StoreKind.OPENFGA.label(), CountNames.TUPLES, -1, CountNames.TUPLES)) {
                long n = client.forEachTuple(t -> {
                    fingerprint.add(t);
                    usernames[0] += t.isUsernameForm() ? 1 : 0;
                    try {
                        byte[] line = (JSON.writeValueAsString(t.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
                        e.write(line);
                        usernames[1] += line.length;
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    task.advance(1);
                });
                String hex = fingerprint.hex();
                e.count(CountNames.TUPLES, n);
                e.count(CountNames.TUPLES_USERNAME_FORM, usernames[0]);
                e.metadata("fingerprint", hex);
                return new Result(client.storeId(), models.size(), n, usernames[0], hex, bytes + usernames[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
