package dev.ferry.archive.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.Digests;
import dev.ferry.archive.pgp.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/** An entry being written into its lane: bytes fill the lane's chunk buffer, each full buffer becomes one tar member. */
final class LaneEntryStream extends EntryOutputStream {
    private final LanedStoreWriter owner;
    private final Lane lane;
    private final String path;
    private byte[] buffer;
    private int bufferIndex;
    private final Thread opener = Thread.currentThread();
    private final MessageDigest entryDigest = CountingDigestOutputStream.sha256();
    private final Map<String, Long> counts = new TreeMap<>();
    private final ObjectNode metadata = Json.MAPPER.createObjectNode();
    private int filled;
    private int chunkNumber;
    private long size;
    private boolean closed;
    private String sha256;

    LaneEntryStream(LanedStoreWriter owner, Lane lane, String path) throws IOException {
        this.owner = owner;
        this.lane = lane;
        this.path = path;
        this.buffer = lane.buffer(0);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == buffer.length) {
                // Only now is it known that this chunk is not the last one.
                flushChunk(false, 0);
            }
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    @Override
    public long transferFrom(InputStream in) throws IOException {
        ensureOpen();
        long total = 0;
        while (true) {
            if (filled == buffer.length) {
                // A full chunk is flushed only once more bytes are known to follow (see write): read them aside first.
                byte[] next = new byte[1 << 13];
                int n = in.read(next);
                if (n < 0) {
                    return total;
                }
                write(next, 0, n);
                total += n;
                continue;
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return total;
            }
            filled += n;
            size += n;
            total += n;
        }
    }

    private void flushChunk(boolean last, long completionBytes) throws IOException {
        Digests.update(entryDigest, buffer, 0, filled);
        try {
            lane.submitChunk(bufferIndex, path, chunkNumber, filled, Hex.lower(Digests.soFar(entryDigest)), last, completionBytes);
            if (!last) {
                bufferIndex ^= 1;
                buffer = lane.buffer(bufferIndex);
            }
        } catch (IOException e) {
            owner.failed(e);
            throw owner.writeFailure(e);
        } catch (RuntimeException e) {
            owner.failed(e);
            throw e;
        }
        chunkNumber++;
        filled = 0;
    }

    @Override
    public void count(String name, long n) {
        ensureOpenUnchecked();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a count needs a name");
        }
        counts.merge(name, n, Long::sum);
    }

    @Override
    public void metadata(String key, Object value) {
        ensureOpenUnchecked();
        metadata.set(key, Json.MAPPER.valueToTree(value));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Map<String, Long> finalCounts = Map.copyOf(counts);
            JsonNode finalMetadata = metadata.deepCopy();
            long completionBytes = Json.MAPPER.writeValueAsBytes(finalCounts).length + Json.MAPPER.writeValueAsBytes(finalMetadata).length;
            flushChunk(true, completionBytes);
            // No wait for the lane to seal this entry: with small entries the writer would otherwise take turns with
            // the sealing thread instead of overlapping with it. The lane seals its tasks in order, and a failure
            // surfaces at the lane's next entry or at the store's close.
            sha256 = Hex.lower(entryDigest.digest());
            lane.submitCompletion(size, sha256, new TreeMap<>(finalCounts), finalMetadata);
            owner.entryClosed(size, finalCounts);
        } finally {
            owner.release(lane, opener);
        }
    }

    @Override
    public String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("entry " + path + " is not closed yet: its SHA-256 is not known");
        }
        return sha256;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("entry " + path + " is already closed");
        }
    }

    private void ensureOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException("entry " + path + " is already closed");
        }
    }
}
