package dev.ferry.archive.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.ZstdInputStream;
import dev.ferry.archive.TestKeys;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.pgp.PartDecryptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known answer for the raw tar writes of stored chunks ({@code PartWriter.writeStored}): a part mixing stored chunks
 * (incompressible, at least 64 KiB: header records, data and padding written by hand into raw zstd frames) with
 * compressed ones (written through commons-compress) must decompress to exactly the tar stream that commons-compress's
 * {@link TarArchiveOutputStream} writes for the same members on its own. The members cover pax headers for a long
 * name and for a short non-ASCII one, data ending mid-record (padding) and on a record boundary (no padding).
 */
class StoredChunkTarKnownAnswerTest {
    private static final long VOLUME = 1 << 20;
    /** The raw frame header ZstdFrames writes (see ZstdFramesKnownAnswerTest): one per stored chunk. */
    private static final byte[] RAW_FRAME_HEADER = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x38};

    @TempDir
    Path tmp;

    @Test
    void storedChunksDecompressToTheTarStreamCommonsCompressWrites() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        int chunk = SealContext.chunkSize(VOLUME, 1);
        String longName = "objects/" + "Rapport annuel — été 2026 ".repeat(6).trim() + ".pdf";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("objects/1/000001", random(2 * chunk + 70_000, 1)); // three stored chunks, the last ending mid-record
        entries.put("tables/rows.copy", "1\tsome row of a table\n".repeat(5_000).getBytes(StandardCharsets.UTF_8)); // compressed
        entries.put(longName, random(64 << 10, 2)); // stored, pax header for its length, ends on a record boundary
        entries.put("objects/1/000003", random(1000, 3)); // under the probed size: compressed although random
        entries.put("objects/rapport-été.pdf", random(100_000, 4)); // stored, pax header for a short non-ASCII name
        int stored = 5;

        Path bundle = tmp.resolve("kat.ferry");
        Manifest manifest;
        try (BundleWriter writer = BundleWriter.create(bundle, new SealingOptions(List.of(keys.recipient()), keys.signing(), VOLUME, "kat", 1))) {
            try (StoreWriter store = writer.openStore("objects")) {
                for (var e : entries.entrySet()) {
                    try (EntryOutputStream out = store.newEntry(e.getKey())) {
                        out.write(e.getValue());
                    }
                }
            }
            manifest = writer.finish();
        }
        assertEquals(1, manifest.parts().size(), manifest.parts().toString());

        byte[] literal;
        try (PartDecryptor part = new PartDecryptor(bundle.resolve(manifest.parts().get(0).file()), (OpenPgpSecretKey) keys.decryption(),
                (OpenPgpPublicKey) keys.signer())) {
            literal = part.literal().readAllBytes();
            part.finish();
        }
        assertEquals(stored, occurrences(literal, RAW_FRAME_HEADER), "the stored chunks took the raw-write path");
        byte[] tar;
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(literal))) {
            tar = in.readAllBytes();
        }

        byte[] expected = stockTar(entries, chunk, Date.from(manifest.createdAt()), indexOf(tar));
        assertEquals(expected.length, tar.length, "tar stream length");
        assertArrayEquals(expected, tar, "first difference at byte " + Arrays.mismatch(expected, tar));
    }

    /** The members a part holds for these entries, written by commons-compress alone, with the writer's header fields. */
    private static byte[] stockTar(Map<String, byte[]> entries, int chunk, Date created, byte[] index) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (var e : entries.entrySet()) {
                byte[] data = e.getValue();
                for (int k = 0, off = 0; off < data.length || k == 0; k++, off += chunk) {
                    int n = Math.min(chunk, data.length - off);
                    member(tar, FormatRules.chunkMemberName(e.getKey(), k), data, off, n, created);
                }
            }
            member(tar, FormatRules.INDEX_MEMBER, index, 0, index.length, created);
            tar.finish();
        }
        return out.toByteArray();
    }

    private static void member(TarArchiveOutputStream tar, String name, byte[] data, int off, int n, Date created) throws IOException {
        TarArchiveEntry member = new TarArchiveEntry(name);
        member.setSize(n);
        member.setModTime(created);
        member.setMode(0100644);
        member.setUserName("");
        member.setGroupName("");
        member.setIds(0, 0);
        tar.putArchiveEntry(member);
        tar.write(data, off, n);
        tar.closeArchiveEntry();
    }

    /** The index member's bytes, which the writer makes and the stock stream is given as they are. */
    private static byte[] indexOf(byte[] tar) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar), StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().equals(FormatRules.INDEX_MEMBER)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("the part has no index member");
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                count++;
            }
        }
        return count;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
