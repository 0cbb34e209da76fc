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
     * Kept small: a store of many small objects has one of these per object in memory.
     *
     * @param part   index of the part within the lane
     * @param chunk  the chunk's number within its entry (its member name follows from it)
     * @param size   its size
     * @param sha256 its verified hash, 32 bytes
     */
    record ChunkRef(int part, int chunk, long size, byte[] sha256) {
    }
}
