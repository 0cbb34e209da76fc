package dev.ferry.archive.read;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ferry.archive.format.Chunk;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.format.IndexRecord;
import dev.ferry.archive.format.Json;
import dev.ferry.archive.format.PartIndex;
import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.BadPartException;
import dev.ferry.archive.pgp.CountingDigestOutputStream;
import dev.ferry.archive.pgp.Digests;
import dev.ferry.archive.pgp.Hex;
import dev.ferry.archive.pgp.PartDecryptor;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.VerificationException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies one lane: decrypts each of its parts in order, hashes every chunk and every entry, and checks the
 * members against the part's signed index, the index against the manifest and the lane's chain of parts.
 */
final class LaneVerifier {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private final String bundleId;
    private final Path dir;
    private final String store;
    private final int lane;
    private final List<PartInfo> parts;
    private final OpenPgpSecretKey key;
    private final OpenPgpPublicKey signer;
    private final ReadLimits limits;
    private final Set<String> storePaths;
    private final List<VerifiedEntry> entries = new ArrayList<>();

    /** The entry that continues into the next part, if any. */
    private Open carried;

    private static final class Open {
        final String path;
        final MessageDigest digest = CountingDigestOutputStream.sha256();
        final List<VerifiedEntry.ChunkRef> chunks = new ArrayList<>();
        long size;
        int nextChunk;

        Open(String path) {
            this.path = path;
        }
    }

    /** A member as read: which open entry it belongs to and where its chunk sits in that entry's list. */
    private record Seen(String name, int chunk, long size, Open owner, int position, byte[] sha256SoFar) {
    }

    LaneVerifier(String bundleId, Path dir, String store, int lane, List<PartInfo> parts, OpenPgpSecretKey key,
            OpenPgpPublicKey signer, ReadLimits limits, Set<String> storePaths) {
        this.bundleId = bundleId;
        this.dir = dir;
        this.store = store;
        this.lane = lane;
        this.parts = parts;
        this.key = key;
        this.signer = signer;
        this.limits = limits;
        this.storePaths = storePaths;
    }

    VerifiedLane verify() {
        for (int p = 0; p < parts.size(); p++) {
            verifyPart(p);
        }
        return new VerifiedLane(store, lane, parts, List.copyOf(entries));
    }

    private void verifyPart(int p) {
        PartInfo info = parts.get(p);
        Path file = dir.resolve(info.file());
        String kind = FileKind.notRegular(file);
        if (kind != null) {
            throw Problem.of(info.file(), "the part " + kind);
        }
        List<Seen> seen = new ArrayList<>();
        List<Open> finishedHere = new ArrayList<>();
        Open current = carried;
        byte[] index = null;
        try (PartDecryptor decryptor = PartDecryptor.forVerifying(file, key, signer)) {
            PartMembers members = new PartMembers(decryptor.literal(), limits);
            byte[] buffer = new byte[1 << 16];
            PartMembers.Member m;
            while ((m = members.next()) != null) {
                if (index != null) {
                    throw new BadPartException("member '" + m.name() + "' follows the index; the index must be last");
                }
                if (m.isIndex()) {
                    index = new byte[(int) m.size()];
                    members.readFully(index, index.length);
                    continue;
                }
                if (m.chunk() == 0) {
                    if (current != null) {
                        finishedHere.add(current);
                    }
                    current = new Open(m.path());
                } else if (current == null || !current.path.equals(m.path()) || current.nextChunk != m.chunk()) {
                    throw new BadPartException("member '" + m.name() + "' is out of order: its earlier chunks do not precede it (parts swapped, or one missing)");
                }
                long left = m.size();
                while (left > 0) {
                    int n = (int) Math.min(buffer.length, left);
                    members.readFully(buffer, n);
                    current.digest.update(buffer, 0, n);
                    left -= n;
                }
                current.size += m.size();
                // The chunk's hash comes from the signed index once the part's signature has verified.
                seen.add(new Seen(m.name(), m.chunk(), m.size(), current, current.chunks.size(), Digests.soFar(current.digest)));
                current.chunks.add(null);
                current.nextChunk++;
            }
            if (index == null) {
                throw new BadPartException("it has no index: it is truncated or not a Ferry part");
            }
            members.drain();
            decryptor.finish();
            if (decryptor.cipherBytes() != info.size()) {
                throw new BadPartException("it is " + decryptor.cipherBytes() + " bytes, but the manifest says " + info.size());
            }
            // No SHA-256 of the file: the signature and the signed index, checked below, authenticate every byte that
            // can be released and bind the part to this bundle and this place (docs/archive-format.md, Verification).
            // A refusal still hashes the file, to name the cause.

        } catch (BadPartException e) {
            throw refused(file, info, e.getMessage());
        } catch (IOException e) {
            throw refused(file, info, "it cannot be read" + CauseDetail.parenthesised(e));
        }
        if (current != null) {
            finishedHere.add(current);
        }
        checkIndex(p, info, parse(info, index), seen, finishedHere);
    }

    /** The part's alteration if its hash says so, else the failure as found. */
    private static VerificationException refused(Path file, PartInfo info, String failure) {
        return Problem.of(info.file(), PartAlteration.differs(file, info) ? PartAlteration.SINCE_SEALING : failure);
    }

    private PartIndex parse(PartInfo info, byte[] index) {
        try {
            PartIndex parsed = Json.MAPPER.readValue(index, PartIndex.class);
            if (parsed.entries() == null || parsed.bundleId() == null || parsed.store() == null) {
                throw Problem.of(info.file(), "its index is incomplete");
            }
            return parsed;
        } catch (IOException e) {
            throw Problem.of(info.file(), "its index is not valid JSON of format " + FormatRules.FORMAT_VERSION + CauseDetail.parenthesised(
                    e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? new IOException(j.getOriginalMessage()) : e));
        }
    }

    private void checkIndex(int p, PartInfo info, PartIndex index, List<Seen> seen, List<Open> opened) {
        String f = info.file();
        if (index.format() != FormatRules.FORMAT_VERSION) {
            throw Problem.of(f, "its index is of format " + index.format() + "; this Ferry reads format " + FormatRules.FORMAT_VERSION);
        }
        if (!index.bundleId().equals(bundleId)) {
            throw Problem.of(f, "it belongs to bundle " + index.bundleId() + ", not to this bundle " + bundleId + " (parts swapped between bundles)");
        }
        if (!index.store().equals(store) || index.part() != info.sequence() || index.lane() != lane || index.laneSequence() != p + 1) {
            throw Problem.of(f, "its index says it is part " + index.part() + " (store " + index.store() + ", lane " + index.lane() + " #"
                    + index.laneSequence() + "), but it sits in the place of part " + info.sequence() + " (store " + store + ", lane " + lane
                    + " #" + (p + 1) + "): parts were swapped or renamed");
        }
        boolean last = p == parts.size() - 1;
        if (index.lastInLane() != last) {
            throw Problem.of(f, last ? "its lane continues in a part that is missing from the manifest" : "its index says it ends its lane, but more parts follow");
        }
        // Walk the index records and the members side by side.
        int s = 0;
        int o = 0;
        for (int r = 0; r < index.entries().size(); r++) {
            IndexRecord rec = index.entries().get(r);
            String problem = rec.path() == null ? "is missing" : FormatRules.pathProblem(rec.path());
            if (problem != null) {
                throw Problem.of(f, "its index lists an entry path that " + problem + ": '" + rec.path() + "'");
            }
            if (rec.chunks() == null || rec.chunks().isEmpty()) {
                throw Problem.of(f, "its index lists entry '" + rec.path() + "' without chunks");
            }
            boolean continued = r == 0 && carried != null;
            if (continued != (rec.firstChunk() != 0)) {
                throw Problem.of(f, carried != null && r == 0 ? "entry '" + carried.path + "' of the previous part does not continue in it"
                        : "its index lists entry '" + rec.path() + "' from chunk " + rec.firstChunk() + ", but its earlier chunks are in no earlier part");
            }
            if (continued && !carried.path.equals(rec.path())) {
                throw Problem.of(f, "entry '" + carried.path + "' of the previous part does not continue in it");
            }
            for (int c = 0; c < rec.chunks().size(); c++) {
                Chunk chunk = rec.chunks().get(c);
                String expected = FormatRules.chunkMemberName(rec.path(), rec.firstChunk() + c);
                if (s >= seen.size()) {
                    throw Problem.of(f, "its index lists member '" + expected + "', which the part does not hold");
                }
                Seen member = seen.get(s++);
                if (!member.name().equals(expected)) {
                    throw Problem.of(f, "member '" + member.name() + "' is not in the index (the index expects '" + expected + "' there)");
                }
                if (member.size() != chunk.size()) {
                    throw Problem.of(f, "member '" + member.name() + "' is " + member.size() + " bytes, but the index says " + chunk.size());
                }
                if (chunk.sha256() == null || !SHA256_HEX.matcher(chunk.sha256()).matches()) {
                    throw Problem.of(f, "its index gives member '" + member.name() + "' no valid SHA-256");
                }
                byte[] claimed = java.util.HexFormat.of().parseHex(chunk.sha256());
                if (!MessageDigest.isEqual(claimed, member.sha256SoFar())) {
                    throw Problem.of(f, "member '" + member.name() + "' does not match its SHA-256 in the index");
                }
                member.owner().chunks.set(member.position(), new VerifiedEntry.ChunkRef(p, member.chunk(), member.size(), claimed));
            }
            Open entry = opened.get(o++);
            if (rec.complete()) {
                if (rec.size() == null || rec.sha256() == null || rec.counts() == null) {
                    throw Problem.of(f, "its index record of entry '" + rec.path() + "' lacks size, hash or counts");
                }
                if (rec.size() != entry.size) {
                    throw Problem.of(f, "entry '" + rec.path() + "' holds " + entry.size + " bytes, but the index says " + rec.size());
                }
                String sha = Hex.lower(entry.digest.digest());
                if (!sha.equals(rec.sha256())) {
                    throw Problem.of(f, "entry '" + rec.path() + "' does not match its SHA-256 in the index");
                }
                if (!storePaths.add(rec.path())) {
                    throw Problem.of(f, "entry '" + rec.path() + "' appears twice in store " + store + " (duplicate entry name)");
                }
                for (Map.Entry<String, Long> count : rec.counts().entrySet()) {
                    if (count.getValue() == null) {
                        throw Problem.of(f, "entry '" + rec.path() + "' has an empty count " + count.getKey());
                    }
                }
                entries.add(new VerifiedEntry(new IndexEntry(store, rec.path(), rec.size(), rec.sha256(), Map.copyOf(rec.counts()),
                        rec.metadata() == null ? JsonNodeFactory.instance.objectNode() : rec.metadata()), List.copyOf(entry.chunks)));
            } else if (r != index.entries().size() - 1 || last) {
                throw Problem.of(f, "its index marks entry '" + rec.path() + "' incomplete, but no later part continues it");
            }
            carried = null;
            if (!rec.complete()) {
                carried = entry;
            }
        }
        if (s < seen.size()) {
            throw Problem.of(f, "member '" + seen.get(s).name() + "' is not in the index");
        }
        if (o != opened.size()) {
            throw Problem.of(f, "the index and the members disagree on the entries");
        }
        if (last && carried != null) {
            throw Problem.of(f, "entry '" + carried.path + "' is cut off at the end of its lane");
        }
    }
}
