package dev.ferry.archive.seal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.format.Chunk;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.IndexRecord;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.format.PartIndex;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.HashingFileSink;
import dev.ferry.archive.pgp.PartEncryptor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One part file being written: tar → zstd → {@link PartEncryptor} → file. Before each chunk it checks, from exact
 * byte counts and worst-case bounds, that the chunk, the index and the OpenPGP trailer still fit in the volume size
 * and under the decompression-ratio bound readers enforce; if not, the lane rolls over to a new part.
 */
final class PartWriter {
    private static final int ZSTD_LEVEL = 3;
    private static final int TAR_RECORD = 512;
    private static final byte[] ZERO_RECORD = new byte[TAR_RECORD];

    private final SealContext ctx;
    private final String store;
    private final int sequence;
    private final int lane;
    private final int laneSequence;
    private final String fileName;
    private final HashingFileSink cipherOut;
    private final PartEncryptor pgp;
    private final CountingOutputStream compressed;
    private final ZstdFrames frames;
    private final CompressibilityProbe probe = new CompressibilityProbe();
    private final CountingOutputStream plain;
    private final TarArchiveOutputStream tar;
    private long plainAtFlush;

    private final List<IndexRecord> records = new ArrayList<>();
    private long indexEstimate = 1024;
    private String spanPath;
    private int spanFirst;
    private List<Chunk> spanChunks;

    PartWriter(SealContext ctx, String store, int lane, int laneSequence) throws IOException {
        this.ctx = ctx;
        this.store = store;
        this.lane = lane;
        this.laneSequence = laneSequence;
        this.sequence = ctx.nextPartSequence();
        this.fileName = FormatRules.partFileName(store, lane, laneSequence);
        Path file = ctx.directory.resolve(fileName);
        this.cipherOut = new HashingFileSink(file);
        this.pgp = new PartEncryptor(cipherOut, ctx.recipients, ctx.signer, fileName.substring(0, fileName.length() - 4),
                Date.from(ctx.createdAt), ctx.random);
        this.compressed = new CountingOutputStream(pgp.body());
        this.frames = new ZstdFrames(compressed, ZSTD_LEVEL);
        // tar writes 512-byte records; a buffer keeps that from becoming one native zstd call (or raw block) per record.
        this.plain = new CountingOutputStream(new BufferedOutputStream(frames, ZstdFrames.MAX_RAW_BLOCK));
        this.tar = tarStream(plain);
    }

    private static TarArchiveOutputStream tarStream(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, TAR_RECORD, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        return tar;
    }

    String fileName() {
        return fileName;
    }

    boolean isEmpty() {
        return records.isEmpty() && spanPath == null;
    }

    /** The index bytes a chunk adds: a new span record, the chunk, and on the entry's last chunk its completion. */
    long indexGrowth(String path, boolean lastChunk, long completionBytes) {
        long growth = 110;
        if (!path.equals(spanPath)) {
            growth += 200 + 2L * path.getBytes(StandardCharsets.UTF_8).length;
        }
        if (lastChunk) {
            growth += 200 + completionBytes;
        }
        return growth;
    }

    /** Whether a chunk of {@code length} bytes and the index growth still fit in this part. */
    boolean fits(long length, String memberName, long indexGrowth) throws IOException {
        if (indexEstimate + indexGrowth > FormatRules.MAX_INDEX) {
            return false;
        }
        long member = memberBound(length, memberName);
        long index = memberBound(indexEstimate + indexGrowth, FormatRules.INDEX_MEMBER) + 1024;
        if (withinLimits(member, index)) {
            return true;
        }
        if (plain.count() > plainAtFlush) {
            // Make the compressed count exact instead of a bound, then look again.
            pushToFrames();
            return withinLimits(member, index);
        }
        return false;
    }

    /** Pushes every tar byte written so far through the buffer into the zstd frames (ending a compressed frame). */
    private void pushToFrames() throws IOException {
        tar.flush();
        plain.flush();
        plainAtFlush = plain.count();
    }

    private boolean withinLimits(long member, long index) {
        long pending = plain.count() - plainAtFlush + 512;
        long compressedBound = compressed.count() + zstdBound(pending) + zstdBound(member) + zstdBound(index) + 64;
        boolean size = PartEncryptor.sizeBound(compressedBound, ctx.recipients.size()) <= ctx.volumeSize;
        long plainAfter = plain.count() + 512 + member + index;
        boolean ratio = plainAfter <= FormatRules.MAX_RATIO * compressed.count() + FormatRules.RATIO_ALLOWANCE;
        return size && ratio;
    }

    private static long zstdBound(long n) {
        return n + (n >> 7) + 512;
    }

    private static long memberBound(long length, String name) {
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        long pax = nameBytes >= 100 || nameBytes != name.length() ? 1024 + nameBytes : 0;
        return 512 + pax + length + 511;
    }

    void writeChunk(String path, int chunkNumber, byte[] data, int length, String sha256, long indexGrowth) throws IOException {
        if (!path.equals(spanPath)) {
            spanPath = path;
            spanFirst = chunkNumber;
            spanChunks = new ArrayList<>();
        }
        TarArchiveEntry member = new TarArchiveEntry(FormatRules.chunkMemberName(path, chunkNumber));
        member.setSize(length);
        member.setModTime(Date.from(ctx.createdAt));
        member.setMode(0100644);
        member.setUserName("");
        member.setGroupName("");
        member.setIds(0, 0);
        if (probe.worthCompressing(data, length)) {
            tar.putArchiveEntry(member);
            tar.write(data, 0, length);
            tar.closeArchiveEntry();
        } else {
            writeStored(member, data, length);
        }
        spanChunks.add(new Chunk(length, sha256));
        indexEstimate += indexGrowth;
    }

    /**
     * A chunk that does not compress goes into a raw zstd frame as tar bytes written here, past the tar stream (whose
     * buffer is empty between members): the member's header records, taken from a header-only tar stream so they are
     * exactly what tar would write; the data, straight from the chunk (the buffer passes a write longer than itself
     * without copying it); and the padding to a whole record. tar's own path copies every byte twice, 512 at a time.
     */
    private void writeStored(TarArchiveEntry member, byte[] data, int length) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(3 * TAR_RECORD);
        tarStream(header).putArchiveEntry(member); // writes the header records at once; the stream is then dropped
        pushToFrames();
        frames.storeRaw();
        plain.write(header.toByteArray());
        plain.write(data, 0, length);
        plain.write(ZERO_RECORD, 0, (TAR_RECORD - length % TAR_RECORD) % TAR_RECORD);
        pushToFrames();
        frames.compressAgain();
    }

    void completeEntry(long size, String sha256, Map<String, Long> counts, JsonNode metadata) {
        records.add(new IndexRecord(spanPath, spanFirst, List.copyOf(spanChunks), true, size, sha256, counts, metadata));
        spanPath = null;
        spanChunks = null;
    }

    PartInfo finish(boolean lastInLane) throws IOException {
        if (spanPath != null) {
            records.add(new IndexRecord(spanPath, spanFirst, List.copyOf(spanChunks), false, null, null, null, null));
            spanPath = null;
        }
        byte[] index = Json.MAPPER.writeValueAsBytes(new PartIndex(FormatRules.FORMAT_VERSION, ctx.bundleId, store, sequence, lane,
                laneSequence, lastInLane, records));
        if (index.length > indexEstimate) {
            throw new IllegalStateException("index of " + fileName + " is " + index.length + " bytes, more than the " + indexEstimate + " reserved");
        }
        TarArchiveEntry member = new TarArchiveEntry(FormatRules.INDEX_MEMBER);
        member.setSize(index.length);
        member.setModTime(Date.from(ctx.createdAt));
        member.setMode(0100644);
        member.setUserName("");
        member.setGroupName("");
        tar.putArchiveEntry(member);
        tar.write(index);
        tar.closeArchiveEntry();
        tar.finish();
        tar.close();
        pgp.close();
        cipherOut.close();
        if (cipherOut.count() > ctx.volumeSize) {
            throw new IllegalStateException(fileName + " is " + cipherOut.count() + " bytes, over the volume size " + ctx.volumeSize);
        }
        return new PartInfo(fileName, cipherOut.count(), cipherOut.sha256Hex(), store, sequence);
    }

    /** Releases the file after a failure; the bundle's temporary directory is deleted afterwards. */
    void abandon() {
        cipherOut.abandon();
    }
}
