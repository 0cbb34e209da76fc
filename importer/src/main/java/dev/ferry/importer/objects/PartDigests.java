package dev.ferry.importer.objects;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Hashes an upload as it streams: MD5 per part of {@code partSize} bytes, from which the ETag an S3 server must answer
 * is computed ({@code md5} for a single PUT, {@code md5(md5(part1)‖…)-N} for a multipart upload), so the write is
 * checked without reading the object back. No SHA-256 here: the bundle reader hands out no byte before checking it
 * against the entry's SHA-256 so far (the last chunk's is the entry's), so a second SHA-256 would only cost CPU.
 */
final class PartDigests extends FilterInputStream {
    private final long partSize;
    private final List<byte[]> partMd5s = new ArrayList<>();
    private MessageDigest md5 = digest("MD5");
    private long inPart;
    private long total;

    PartDigests(InputStream in, long partSize) {
        super(in);
        this.partSize = partSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, (int) Math.min(len, partSize - inPart));
        if (n > 0) {
            md5.update(b, off, n);
            inPart += n;
            total += n;
            if (inPart == partSize) {
                partMd5s.add(md5.digest());
                md5 = digest("MD5");
                inPart = 0;
            }
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The bytes read through this stream. */
    long bytesRead() {
        return total;
    }

    /** The ETag expected for an object of {@code size} bytes uploaded with this part size. */
    String expectedEtag(long size) {
        List<byte[]> parts = new ArrayList<>(partMd5s);
        if (inPart > 0 || parts.isEmpty()) {
            parts.add(md5.digest());
        }
        if (size <= partSize) {
            return HexFormat.of().formatHex(parts.get(0));
        }
        MessageDigest all = digest("MD5");
        parts.forEach(all::update);
        return HexFormat.of().formatHex(all.digest()) + "-" + parts.size();
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
