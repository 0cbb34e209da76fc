package dev.ferry.archive.read;

import dev.ferry.archive.manifest.PartInfo;
import java.util.List;

/** A lane (chain of parts) of a store that passed verification, with its entries in order. */
record VerifiedLane(String store, int lane, List<PartInfo> parts, List<VerifiedEntry> entries) {
}
