package dev.ferry.archive;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.archive.format.Chunk;
import dev.ferry.archive.format.IndexRecord;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.format.PartIndex;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.keys.SigningKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.DetachedSignatures;
import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.pgp.PartEncryptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Builds hostile bundles for tests: parts with arbitrary tar members, sealed and signed with real keys, and manifests
 * re-signed by the legitimate signer, so every check below the signatures is exercised on its own.
 */
final class BundleForge {
    private BundleForge() {
    }

    /** A tar member to forge. */
    record Member(String name, byte type, byte[] data, String linkName) {
        static Member file(String name, byte[] data) {
            return new Member(name, TarArchiveEntry.LF_NORMAL, data, null);
        }
    }

    static String sha256(byte[] data) {
        return Hex.lower(CountingDigestOutputStream.sha256().digest(data));
    }

    /** An index record of a complete single-chunk entry. */
    static IndexRecord record(String path, byte[] data) {
        return new IndexRecord(path, 0, List.of(new Chunk(data.length, sha256(data))), true, (long) data.length, sha256(data),
                Map.of("rows", 1L), JsonNodeFactory.instance.objectNode());
    }

    static byte[] indexJson(String bundleId, String store, int part, int lane, int laneSequence, boolean last, List<IndexRecord> records)
            throws IOException {
        return Json.MAPPER.writeValueAsBytes(new PartIndex(1, bundleId, store, part, lane, laneSequence, last, records));
    }

    /** Writes a part holding these members and then the index (if not null), sealed to the recipient and signed. */
    static PartInfo writePart(Path file, String store, int sequence, List<Member> members, byte[] index, OpenPgpPublicKey recipient,
            SigningKey signer) throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, 512, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            List<Member> all = new ArrayList<>(members);
            if (index != null) {
                all.add(Member.file("index.json", index));
            }
            for (Member m : all) {
                TarArchiveEntry e = new TarArchiveEntry(m.name(), m.type(), true);
                if (m.linkName() != null) {
                    e.setLinkName(m.linkName());
                }
                e.setSize(m.type() == TarArchiveEntry.LF_NORMAL ? m.data().length : 0);
                tar.putArchiveEntry(e);
                if (m.type() == TarArchiveEntry.LF_NORMAL) {
                    tar.write(m.data());
                }
                tar.closeArchiveEntry();
            }
        }
        CountingDigestOutputStream cipher;
        try (OutputStream fileOut = Files.newOutputStream(file)) {
            cipher = new CountingDigestOutputStream(fileOut);
            try (PartEncryptor pgp = new PartEncryptor(cipher, List.of(recipient), (OpenPgpSecretKey) signer, "forged", new Date(), new SecureRandom())) {
                try (ZstdCompressorOutputStream zstd = new ZstdCompressorOutputStream(new NonClosing(pgp.body()), 3, false, false)) {
                    zstd.write(tarBytes.toByteArray());
                }
            }
        }
        return new PartInfo(file.getFileName().toString(), cipher.count(), cipher.sha256Hex(), store, sequence);
    }

    /** Rewrites manifest.json through {@code change}, recomputes SHA256SUMS, and re-signs both with {@code signer}. */
    static void resign(Path bundle, SigningKey signer, UnaryOperator<Manifest> change) throws IOException {
        Manifest manifest = change.apply(Json.MAPPER.readValue(bundle.resolve("manifest.json").toFile(), Manifest.class));
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        Files.write(bundle.resolve("manifest.json"), bytes);
        StringBuilder sums = new StringBuilder();
        for (PartInfo p : manifest.parts()) {
            sums.append(p.sha256()).append("  ").append(p.file()).append('\n');
        }
        sums.append(sha256(bytes)).append("  manifest.json\n");
        Files.writeString(bundle.resolve("SHA256SUMS"), sums, StandardCharsets.US_ASCII);
        for (String name : List.of("manifest.json", "SHA256SUMS")) {
            Files.deleteIfExists(bundle.resolve(name + ".sig"));
            DetachedSignatures.sign((OpenPgpSecretKey) signer, bundle.resolve(name), bundle.resolve(name + ".sig"), new SecureRandom());
        }
    }

    /** Replaces one part's entry in the manifest. */
    static Manifest withPart(Manifest m, PartInfo replacement) {
        List<PartInfo> parts = new ArrayList<>();
        for (PartInfo p : m.parts()) {
            parts.add(p.file().equals(replacement.file()) ? replacement : p);
        }
        return new Manifest(m.formatVersion(), m.bundleId(), m.createdAt(), m.toolVersion(), m.sourceLabel(), parts, m.stores(), m.notes());
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
