package dev.ferry.archive.format;

import java.util.List;

/**
 * The last member of every part, {@value FormatRules#INDEX_MEMBER}: what the part holds and where it belongs. It
 * repeats the bundle id, store and positions, so a part moved to another bundle, store or position is refused.
 *
 * @param format       format version (1)
 * @param bundleId     the bundle's id, as in manifest.json
 * @param store        the store
 * @param part         the part's bundle-wide sequence number, as in manifest.json
 * @param lane         the lane (1..n): a chain of parts written one after another
 * @param laneSequence the part's position in its lane, from 1
 * @param lastInLane   whether this part ends its lane
 * @param entries      the entry spans, in member order
 */
public record PartIndex(int format, String bundleId, String store, int part, int lane, int laneSequence, boolean lastInLane,
        List<IndexRecord> entries) {
}
