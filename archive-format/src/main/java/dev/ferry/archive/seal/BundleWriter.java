package dev.ferry.archive.seal;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.keys.RecipientKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.manifest.StoreSummary;
import dev.ferry.archive.pgp.DetachedSignatures;
import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.state.ExporterStateFile;
import dev.ferry.common.ConfigException;
import dev.ferry.common.LocalIoException;
import dev.ferry.common.ToolVersion;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Seals a bundle directory {@code <name>.ferry/}. Everything is written under a temporary sibling name and renamed
 * into place by {@link #finish()}, so a failed or interrupted run never leaves something that looks complete;
 * {@link #close()} without finish removes the temporary directory.
 * API CONTRACT — implemented by the archive-format work.
 */
public final class BundleWriter implements AutoCloseable {
    private final Path bundleDir;
    private final Path tempDir;
    private final SealContext ctx;
    private final String sourceLabel;
    private final Map<String, LanedStoreWriter> stores = new LinkedHashMap<>();
    private final Map<String, String> notes = new TreeMap<>();
    private String base;
    private OutputStream exporterState;
    private boolean exporterStateClosed;
    private boolean finished;
    private boolean closed;

    private BundleWriter(Path bundleDir, Path tempDir, SealContext ctx, String sourceLabel) {
        this.bundleDir = bundleDir;
        this.tempDir = tempDir;
        this.ctx = ctx;
        this.sourceLabel = sourceLabel;
    }

    /** @param bundleDir the final directory, e.g. {@code out/kea-2026-11-24.ferry}; it must not exist yet. */
    public static BundleWriter create(Path bundleDir, SealingOptions options) {
        Path target = bundleDir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new ConfigException("the bundle directory " + target + " already exists", "choose another output name or move the old bundle away");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ConfigException("the directory " + parent + " for the bundle does not exist", "create it first or choose another output path");
        }
        if (options.recipients() == null || options.recipients().isEmpty()) {
            throw new ConfigException("no recipient key was given", "name at least one recipient public key (from 'ferry-import keys generate')");
        }
        List<OpenPgpPublicKey> recipients = new ArrayList<>();
        for (RecipientKey r : options.recipients()) {
            recipients.add((OpenPgpPublicKey) r);
        }
        if (!(options.signer() instanceof OpenPgpSecretKey signer) || signer.signing() == null) {
            throw new ConfigException("no signing key was given", "give the secret key made by 'ferry-export keys generate'");
        }
        if (options.volumeSize() < FormatRules.MIN_VOLUME) {
            throw new ConfigException("the volume size " + options.volumeSize() + " bytes is below the minimum of " + FormatRules.MIN_VOLUME,
                    "choose a volume size of at least 64K (the default, 4G, fits FAT32)");
        }
        int parallelism = options.parallelism() > 0 ? options.parallelism() : Runtime.getRuntime().availableProcessors();
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        Path temp = parent.resolve("." + target.getFileName() + ".partial-" + Hex.lower(id).substring(0, 8));
        try {
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw new LocalIoException("cannot create " + temp + ": " + e.getMessage(), "check that the output directory is writable", e);
        }
        SealContext ctx = new SealContext(Hex.lower(id), Instant.now().truncatedTo(ChronoUnit.SECONDS), List.copyOf(recipients), signer,
                options.volumeSize(), parallelism, temp);
        return new BundleWriter(target, temp, ctx, options.sourceLabel() == null ? "" : options.sourceLabel());
    }

    /** The bundle's random id, repeated inside every part. */
    public String bundleId() {
        return ctx.bundleId;
    }

    /** Opens a store's stream of parts. Store names are lower-case words, e.g. "postgres". Stores may be written concurrently. */
    public synchronized StoreWriter openStore(String store) {
        checkOpen();
        if (!FormatRules.validStore(store)) {
            throw new IllegalArgumentException("store name '" + store + "' must be a lower-case word (a-z, 0-9, at most 32 characters)");
        }
        if (stores.containsKey(store)) {
            throw new IllegalStateException("store " + store + " is already open in this bundle");
        }
        LanedStoreWriter writer = new LanedStoreWriter(ctx, store);
        stores.put(store, writer);
        return writer;
    }

    /**
     * A cleartext note in the manifest, e.g. note("opensearch", "not carried: re-vectorize on the Target").
     * Cleartext: never put store content or a secret here.
     */
    public synchronized void note(String key, String value) {
        checkOpen();
        notes.put(key, value);
    }

    /**
     * Makes this a delta bundle (format version 2) whose manifest names {@code baseBundleId}, the previous pass it
     * builds on. A reader then refuses to load it onto a Target that does not hold that base.
     */
    public synchronized void base(String baseBundleId) {
        checkOpen();
        if (!FormatRules.validBundleId(baseBundleId) || baseBundleId.equals(ctx.bundleId)) {
            throw new IllegalArgumentException("a base is another bundle's id (32 lower-case hex digits), not '" + baseBundleId + "'");
        }
        base = baseBundleId;
    }

    /**
     * Opens the exporter's private state file ({@link FormatRules#EXPORTER_STATE}) in the bundle: its plaintext goes
     * straight into an OpenPGP message sealed to the signer's own encryption subkey, never to disk in clear. Close it
     * before {@link #finish()}, which lists it in SHA256SUMS. At most once per bundle.
     */
    public synchronized OutputStream exporterState() {
        checkOpen();
        if (exporterState != null) {
            throw new IllegalStateException("the exporter state of " + bundleDir + " is already written");
        }
        try {
            OutputStream sealed = ExporterStateFile.create(tempDir.resolve(FormatRules.EXPORTER_STATE), ctx.signer, ctx.random,
                    Date.from(ctx.createdAt));
            exporterState = new FilterOutputStream(sealed) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    super.close();
                    synchronized (BundleWriter.this) {
                        exporterStateClosed = true;
                    }
                }
            };
            return exporterState;
        } catch (IOException e) {
            throw new ConfigException("cannot write " + FormatRules.EXPORTER_STATE + " in " + tempDir + ": " + e.getMessage(),
                    "check free space and permissions of the output directory", e);
        }
    }

    /** Writes manifest.json, SHA256SUMS and their detached signatures, then renames the bundle into place. */
    public synchronized Manifest finish() {
        checkOpen();
        for (LanedStoreWriter store : stores.values()) {
            store.close();
        }
        Map<String, StoreSummary> summaries = new LinkedHashMap<>();
        stores.forEach((name, writer) -> summaries.put(name, writer.summary()));
        List<PartInfo> parts = ctx.parts();
        if (exporterState != null && !exporterStateClosed) {
            throw new IllegalStateException("the exporter state of " + bundleDir + " was opened and not closed");
        }
        Manifest manifest = new Manifest(base == null ? FormatRules.FORMAT_VERSION : FormatRules.DELTA_FORMAT_VERSION, ctx.bundleId,
                ctx.createdAt, ToolVersion.get(), sourceLabel, parts, summaries, Map.copyOf(notes), base);
        try {
            Path manifestFile = tempDir.resolve(FormatRules.MANIFEST);
            byte[] manifestBytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            Files.write(manifestFile, manifestBytes);
            DetachedSignatures.sign(ctx.signer, manifestFile, tempDir.resolve(FormatRules.MANIFEST + FormatRules.SIGNATURE_SUFFIX), ctx.random);
            StringBuilder sums = new StringBuilder();
            for (PartInfo part : parts) {
                sums.append(part.sha256()).append("  ").append(part.file()).append('\n');
            }
            if (exporterState != null) {
                sums.append(sha256(tempDir.resolve(FormatRules.EXPORTER_STATE))).append("  ").append(FormatRules.EXPORTER_STATE).append('\n');
            }
            sums.append(Hex.lower(MessageDigest.getInstance("SHA-256").digest(manifestBytes))).append("  ").append(FormatRules.MANIFEST).append('\n');
            Path sumsFile = tempDir.resolve(FormatRules.SUMS);
            Files.writeString(sumsFile, sums, StandardCharsets.US_ASCII);
            DetachedSignatures.sign(ctx.signer, sumsFile, tempDir.resolve(FormatRules.SUMS + FormatRules.SIGNATURE_SUFFIX), ctx.random);
            Files.move(tempDir, bundleDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new LocalIoException("cannot finish the bundle in " + tempDir + ": " + e.getMessage(),
                    "check free space and permissions of the output directory", e);
        }
        finished = true;
        return manifest;
    }

    private static String sha256(Path file) throws IOException, java.security.NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return Hex.lower(digest.digest());
    }

    private void checkOpen() {
        if (finished || closed) {
            throw new IllegalStateException("the bundle " + bundleDir + " is already finished or closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (finished) {
            return;
        }
        stores.values().forEach(LanedStoreWriter::abandon);
        deleteRecursively(tempDir);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a leftover temporary directory is named .partial and is never taken for a bundle
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
