package dev.ferry.archive.read;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.pgp.BadPartException;
import dev.ferry.archive.pgp.CountingInputStream;
import dev.ferry.common.CauseDetail;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The tar members of a decrypted part, each checked before its bytes are read: regular files only (no link, device,
 * directory or sparse file), safe names ("data/PATH", "data/PATH~NNNNNN" or "index.json"), bounded sizes, and the
 * decompression ratio bound over the whole stream.
 */
final class PartMembers {
    private static final Pattern CHUNK_DIGITS = Pattern.compile("\\d{6}");
    /** A member: a chunk of an entry ({@code path}, {@code chunk}) or the index ({@code path} null). */
    record Member(String name, String path, int chunk, long size) {
        boolean isIndex() {
            return path == null;
        }
    }

    private final ReadLimits limits;
    private final CountingInputStream compressed;
    private final RatioGuard plain;
    private final TarArchiveInputStream tar;

    PartMembers(InputStream literal, ReadLimits limits) throws IOException {
        this.limits = limits;
        this.compressed = new CountingInputStream(literal);
        this.plain = new RatioGuard(new ZstdCompressorInputStream(compressed));
        this.tar = new TarArchiveInputStream(plain, 512, 512, StandardCharsets.UTF_8.name());
    }

    /** The next member, checked; null at the end of the tar stream. */
    Member next() throws BadPartException {
        TarArchiveEntry e;
        try {
            e = tar.getNextEntry();
        } catch (IOException | RuntimeException ex) {
            throw failure(ex);
        }
        if (e == null) {
            return null;
        }
        String name = e.getName();
        if (e.isSymbolicLink() || e.isLink()) {
            throw new BadPartException("member '" + name + "' is a link (to '" + e.getLinkName() + "'); only regular files are allowed");
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            throw new BadPartException("member '" + name + "' is a device or FIFO; only regular files are allowed");
        }
        if (e.isDirectory() || e.isSparse() || !e.isFile()) {
            throw new BadPartException("member '" + name + "' is not a regular file (type '" + (char) e.getLinkFlag() + "')");
        }
        if (name.startsWith("/")) {
            throw new BadPartException("member '" + name + "' has an absolute path");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                throw new BadPartException("member '" + name + "' has a '..' path segment");
            }
        }
        if (e.getSize() < 0) {
            throw new BadPartException("member '" + name + "' has a negative size");
        }
        if (name.equals(FormatRules.INDEX_MEMBER)) {
            if (e.getSize() > limits.maxIndex()) {
                throw new BadPartException("its index is " + e.getSize() + " bytes, over the limit of " + limits.maxIndex());
            }
            return new Member(name, null, 0, e.getSize());
        }
        if (!name.startsWith(FormatRules.DATA_PREFIX)) {
            throw new BadPartException("member '" + name + "' is neither under " + FormatRules.DATA_PREFIX + " nor the index");
        }
        String rest = name.substring(FormatRules.DATA_PREFIX.length());
        int chunk = 0;
        int tilde = rest.lastIndexOf('~');
        if (tilde >= 0) {
            String digits = rest.substring(tilde + 1);
            if (!CHUNK_DIGITS.matcher(digits).matches() || digits.equals("000000")) {
                throw new BadPartException("member '" + name + "' has a malformed chunk number");
            }
            chunk = Integer.parseInt(digits);
            rest = rest.substring(0, tilde);
        }
        String problem = FormatRules.pathProblem(rest);
        if (problem != null) {
            throw new BadPartException("member '" + name + "' has an unsafe entry path: it " + problem);
        }
        if (e.getSize() > limits.maxChunk()) {
            throw new BadPartException("member '" + name + "' is " + e.getSize() + " bytes, over the chunk limit of " + limits.maxChunk());
        }
        return new Member(name, rest, chunk, e.getSize());
    }

    /** The current member's bytes. */
    InputStream data() {
        return tar;
    }

    /** Reads exactly {@code n} bytes of the current member into {@code buffer}. */
    void readFully(byte[] buffer, int n) throws BadPartException {
        int off = 0;
        try {
            while (off < n) {
                int r = tar.read(buffer, off, n - off);
                if (r < 0) {
                    throw new BadPartException("it is truncated inside member data");
                }
                off += r;
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** After the tar end: the rest of the compressed stream may hold only zero padding. */
    void drain() throws BadPartException {
        byte[] sink = new byte[8192];
        try {
            int n;
            while ((n = plain.read(sink, 0, sink.length)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (sink[i] != 0) {
                        throw new BadPartException("it holds data after the end of its tar stream");
                    }
                }
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    static BadPartException failure(Throwable e) {
        if (e instanceof RefusedException r) {
            return new BadPartException(r.getMessage());
        }
        if (e.getCause() instanceof RefusedException r) {
            return new BadPartException(r.getMessage());
        }
        // Ferry's words for what broke; a zstd or tar library's message follows only where it is written for a person.
        String what = CauseDetail.inChain(e, EOFException.class) ? "its data ends early" : "its compressed tar stream is malformed";
        return new BadPartException("it is truncated or corrupt: " + what + CauseDetail.parenthesised(e), e);
    }

    /** An IOException that carries a refusal through stream APIs. */
    static final class RefusedException extends IOException {
        RefusedException(String reason) {
            super(reason);
        }
    }


    private final class RatioGuard extends FilterInputStream {
        private long produced;

        RatioGuard(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                produced += n;
                if (produced > limits.maxRatio() * compressed.count() + limits.ratioAllowance()) {
                    throw new RefusedException("its decompression ratio passes the bound of " + limits.maxRatio() + ":1 ("
                            + produced + " bytes from " + compressed.count() + "): a decompression bomb");
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int r = read(sink, 0, sink.length);
            return Math.max(r, 0);
        }
    }
}
