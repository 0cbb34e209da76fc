package dev.ferry.exporter.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.keys.SigningKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.state.ExporterStateFile;
import dev.ferry.common.VerificationException;
import dev.ferry.exporter.objects.CatalogEntry;
import dev.ferry.exporter.objects.ObjectCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What one pass leaves for the next {@code --since}: the object catalog of that pass and when its listing started,
 * in the bundle directory's exporter-state.pgp (docs/bundle-contents.md, "Exporter state"). The file is sealed to the
 * exporter's own key by {@link ExporterStateFile}; this class is its content: JSON lines, a header first
 * <pre>{"ferryExporterState":1,"bundleId":"…","listedAt":"2026-11-24T16:30:00Z","objects":n}</pre>
 * then one line per object {"bucket","key","size","etag","lastModified","sha256"}.
 *
 * @param bundleId the bundle this state belongs to (checked against the signed manifest beside it)
 * @param listedAt when that pass started listing objects
 * @param catalog  the objects present then
 * @param manifest the signed manifest of that bundle (its id, time, stores)
 */
public record ExporterState(String bundleId, Instant listedAt, ObjectCatalog catalog, Manifest manifest) {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    /** Writes a pass's state into {@code out} (the sealed stream from BundleWriter.exporterState()), not closing it. */
    public static void write(OutputStream out, String bundleId, Instant listedAt, ObjectCatalog catalog) {
        try {
            ObjectNode header = JSON.createObjectNode().put("ferryExporterState", VERSION).put("bundleId", bundleId)
                    .put("listedAt", listedAt.toString()).put("objects", catalog.size());
            line(out, header);
            catalog.forEachSorted(c -> {
                try {
                    line(out, JSON.createObjectNode().put("bucket", c.bucket()).put("key", c.key()).put("size", c.size())
                            .put("etag", c.etag()).put("lastModified", c.lastModified() == null ? null : c.lastModified().toString())
                            .put("sha256", c.sha256()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(OutputStream out, ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /**
     * Reads the state of the previous pass's bundle directory with the exporter's signing key (the same key must have
     * made it). Nothing read is used before the file's signature, MDC and SHA-256 are checked.
     */
    public static ExporterState read(Path bundleDir, SigningKey signingKey) {
        Instant[] listedAt = new Instant[1];
        String[] stateBundleId = new String[1];
        ObjectCatalog catalog = new ObjectCatalog();
        ExporterStateFile.Base base = ExporterStateFile.read(bundleDir, signingKey, in -> {
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String first = lines.readLine();
            JsonNode header = first == null ? null : JSON.readTree(first);
            if (header == null || header.path("ferryExporterState").asInt() != VERSION) {
                throw new IOException("its content is not a Ferry exporter state of version " + VERSION);
            }
            stateBundleId[0] = header.path("bundleId").asText();
            listedAt[0] = Instant.parse(header.path("listedAt").asText());
            long expected = header.path("objects").asLong();
            long n = 0;
            for (String line; (line = lines.readLine()) != null;) {
                JsonNode o = JSON.readTree(line);
                catalog.put(new CatalogEntry(o.path("bucket").asText(), o.path("key").asText(), o.path("size").asLong(),
                        o.path("etag").isNull() ? null : o.path("etag").asText(),
                        o.path("lastModified").isNull() ? null : Instant.parse(o.path("lastModified").asText()),
                        o.path("sha256").isNull() ? null : o.path("sha256").asText()));
                n++;
            }
            if (n != expected) {
                throw new IOException("it lists " + n + " objects where its header says " + expected);
            }
        });
        if (!base.bundleId().equals(stateBundleId[0])) {
            throw new VerificationException(bundleDir.getFileName() + "/exporter-state.pgp belongs to bundle " + stateBundleId[0]
                    + ", not to " + base.bundleId() + " whose manifest is beside it",
                    "use the previous pass's bundle directory as the exporter wrote it, without mixing files of two bundles");
        }
        return new ExporterState(base.bundleId(), listedAt[0], catalog, base.manifest());
    }
}
