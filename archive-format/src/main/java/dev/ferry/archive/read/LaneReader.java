package dev.ferry.archive.read;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.BadPartException;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.Digests;
import dev.ferry.archive.pgp.PartDecryptor;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.VerificationException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Reads a verified lane again, chunk by chunk. Each chunk is read whole into memory and the SHA-256 of its entry
 * through this chunk compared with the one verification recorded (under the part's signature) before a single byte
 * of it is handed out, so bytes changed on the medium since verification are refused, never released. That check is
 * what makes re-reading safe, so the re-read skips the whole-part signature and file hash (two of its four hash
 * passes) and keeps the MDC, the member names and sizes, and the part's size.
 */
final class LaneReader implements AutoCloseable {
    private final Path dir;
    private final VerifiedLane lane;
    private final OpenPgpSecretKey key;
    private final OpenPgpPublicKey signer;
    private final ReadLimits limits;
    private final MessageDigest digest = CountingDigestOutputStream.sha256();
    private byte[] buffer = new byte[0];
    private int part = -1;
    private PartDecryptor decryptor;
    private PartMembers members;

    LaneReader(Path dir, VerifiedLane lane, OpenPgpSecretKey key, OpenPgpPublicKey signer, ReadLimits limits) {
        this.dir = dir;
        this.lane = lane;
        this.key = key;
        this.signer = signer;
        this.limits = limits;
    }

    /** Reads the chunk and checks it; returns the buffer holding its {@code ref.size()} bytes. */
    byte[] readChunk(String path, VerifiedEntry.ChunkRef ref) {
        while (part < ref.part()) {
            advance();
        }
        String file = lane.parts().get(part).file();
        String member = FormatRules.chunkMemberName(path, ref.chunk());
        try {
            PartMembers.Member m = members.next();
            if (m == null || !m.name().equals(member) || m.size() != ref.size()) {
                throw Problem.of(file, "member '" + (m == null ? "(end)" : m.name()) + "' is not the verified '" + member
                        + "': the part changed since it was verified");
            }
            if (buffer.length < ref.size()) {
                buffer = new byte[(int) ref.size()];
            }
            members.readFully(buffer, (int) ref.size());
            if (ref.chunk() == 0) {
                digest.reset();
            }
            Digests.update(digest, buffer, 0, (int) ref.size());
            if (!MessageDigest.isEqual(Digests.soFar(digest), ref.sha256())) {
                throw Problem.of(file, "member '" + member + "' changed since the bundle was verified; nothing of it was released");
            }
            return buffer;
        } catch (BadPartException e) {
            throw refused(lane.parts().get(part), e.getMessage());
        }
    }

    /** The part's alteration if its hash says so, else the failure as found. */
    private VerificationException refused(PartInfo info, String failure) {
        return Problem.of(info.file(), PartAlteration.differs(dir.resolve(info.file()), info) ? PartAlteration.SINCE_VERIFICATION : failure);
    }

    /** Finishes the current part (index, tar end, signature, MDC, ciphertext hash) and opens the next. */
    private void advance() {
        if (part >= 0) {
            finishPart();
        }
        part++;
        PartInfo info = lane.parts().get(part);
        try {
            decryptor = PartDecryptor.forRereading(dir.resolve(info.file()), key, signer);
            members = new PartMembers(decryptor.literal(), limits);
        } catch (BadPartException e) {
            throw refused(info, e.getMessage());
        } catch (IOException e) {
            throw refused(info, "it cannot be read" + CauseDetail.parenthesised(e));
        }
    }

    private void finishPart() {
        PartInfo info = lane.parts().get(part);
        try {
            PartMembers.Member m = members.next();
            if (m == null || !m.isIndex()) {
                throw new BadPartException("it changed since it was verified (expected its index, found " + (m == null ? "the end" : m.name()) + ")");
            }
            byte[] index = new byte[(int) m.size()];
            members.readFully(index, index.length);
            if (members.next() != null) {
                throw new BadPartException("it changed since it was verified (a member follows the index)");
            }
            members.drain();
            decryptor.finish();
            if (decryptor.cipherBytes() != info.size()) {
                throw new BadPartException("it changed since it was verified (its size differs from the manifest's)");
            }
        } catch (BadPartException e) {
            throw refused(info, e.getMessage());
        } catch (IOException e) {
            throw refused(info, "it cannot be read" + CauseDetail.parenthesised(e));
        } finally {
            closeQuietly();
        }
    }

    /** After the lane's last entry: checks the rest of every remaining part. */
    void finishLane() {
        while (part < lane.parts().size() - 1) {
            advance();
        }
        if (part >= 0) {
            finishPart();
            part = lane.parts().size();
        }
    }

    private void closeQuietly() {
        if (decryptor != null) {
            try {
                decryptor.close();
            } catch (IOException e) {
                // reading is over; nothing to release
            }
            decryptor = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
