package dev.ferry.archive.seal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.util.Map;

/**
 * A chain of parts of one store, written one after another by one entry at a time. Several lanes of a store are
 * sealed concurrently; an entry never leaves its lane, so its chunks can be read back in order from the lane alone.
 */
final class Lane {
    private final SealContext ctx;
    private final String store;
    private final int number;
    /** Reused by every entry of this lane: the only per-lane buffer, so memory stays flat whatever the entry sizes. */
    final byte[] buffer;
    private int partsWritten;
    private PartWriter current;

    Lane(SealContext ctx, String store, int number) {
        this.ctx = ctx;
        this.store = store;
        this.number = number;
        this.buffer = new byte[ctx.chunkSize];
    }

    void writeChunk(String path, int chunkNumber, byte[] data, int length, String sha256, boolean last, long completionBytes)
            throws IOException {
        String member = FormatRules.chunkMemberName(path, chunkNumber);
        if (current == null) {
            open();
        }
        long growth = current.indexGrowth(path, last, completionBytes);
        if (!current.fits(length, member, growth)) {
            if (current.isEmpty()) {
                throw tooSmall(path);
            }
            ctx.partFinished(current.finish(false));
            open();
            growth = current.indexGrowth(path, last, completionBytes);
            if (!current.fits(length, member, growth)) {
                throw tooSmall(path);
            }
        }
        current.writeChunk(path, chunkNumber, data, length, sha256, growth);
    }

    void completeEntry(long size, String sha256, Map<String, Long> counts, JsonNode metadata) {
        current.completeEntry(size, sha256, counts, metadata);
    }

    private void open() throws IOException {
        partsWritten++;
        current = new PartWriter(ctx, store, number, partsWritten);
    }

    private ConfigException tooSmall(String path) {
        return new ConfigException("the volume size " + ctx.volumeSize + " bytes is too small to hold entry " + store + "/" + path
                + " with its index record", "choose a larger --volume-size (the default, 4G, fits FAT32)");
    }

    /** Finishes the lane's last part. */
    void close() throws IOException {
        if (current != null) {
            ctx.partFinished(current.finish(true));
            current = null;
        }
    }

    void abandon() {
        if (current != null) {
            current.abandon();
            current = null;
        }
    }
}
