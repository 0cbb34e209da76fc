package dev.ferry.archive.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.pgp.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** A verified entry handed to an {@link EntryHandler}; its stream yields only chunks whose hash was checked. */
final class ReadableEntry implements BundleEntry {
    private final VerifiedEntry verified;
    private final LaneReader reader;
    private boolean active = true;
    private ChunkStream stream;

    ReadableEntry(VerifiedEntry verified, LaneReader reader) {
        this.verified = verified;
        this.reader = reader;
    }

    @Override
    public String store() {
        return verified.entry().store();
    }

    @Override
    public String path() {
        return verified.entry().path();
    }

    @Override
    public long size() {
        return verified.entry().size();
    }

    @Override
    public String sha256() {
        return verified.entry().sha256();
    }

    @Override
    public Map<String, Long> counts() {
        return verified.entry().counts();
    }

    @Override
    public JsonNode metadata() {
        return verified.entry().metadata();
    }

    @Override
    public synchronized InputStream open() {
        if (!active) {
            throw new IllegalStateException("entry " + path() + " can only be opened during the callback that received it");
        }
        if (stream != null) {
            throw new IllegalStateException("entry " + path() + " was already opened");
        }
        stream = new ChunkStream();
        return stream;
    }

    /** After the callback: reads past whatever the handler left unread, so the lane stays in step. */
    synchronized void finish() {
        active = false;
        if (stream == null) {
            stream = new ChunkStream();
        }
        stream.skipToEnd();
    }

    private final class ChunkStream extends InputStream {
        private int next;
        private byte[] chunk;
        private int pos;
        private int limit;
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return chunk == null ? 0 : limit - pos;
        }

        private boolean fill() {
            while (pos == limit) {
                if (next == verified.chunks().size()) {
                    if (!done) {
                        done = true;
                        // The last chunk's verified hash covers the whole entry.
                        var chunks = verified.chunks();
                        if (!Hex.lower(chunks.get(chunks.size() - 1).sha256()).equals(sha256())) {
                            throw Problem.of(store() + "/" + path(), "the entry's bytes do not match its SHA-256 in the index");
                        }
                    }
                    return false;
                }
                VerifiedEntry.ChunkRef ref = verified.chunks().get(next++);
                chunk = reader.readChunk(path(), ref);
                pos = 0;
                limit = (int) ref.size();
            }
            return true;
        }

        void skipToEnd() {
            pos = limit;
            while (fill()) {
                pos = limit;
            }
        }
    }
}
