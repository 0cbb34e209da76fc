package dev.ferry.archive.read;

import java.util.List;

/**
 * An entry admitted by verification, with where its chunks are and the hash each must have when read again.
 *
 * @param entry  the entry as indexed
 * @param chunks its chunks, in order
 */
record VerifiedEntry(IndexEntry entry, List<ChunkRef> chunks) {
    /**
     * @param part   index of the part within the lane
     * @param member the tar member name
     * @param size   its size
     * @param sha256 its verified hash
     */
    record ChunkRef(int part, String member, long size, String sha256) {
    }
}
