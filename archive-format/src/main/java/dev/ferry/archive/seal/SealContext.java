package dev.ferry.archive.seal;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.manifest.PartInfo;
import dev.ferry.archive.pgp.PartEncryptor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What every part of one bundle shares while it is being sealed. */
final class SealContext {
    final String bundleId;
    final Instant createdAt;
    final List<OpenPgpPublicKey> recipients;
    final OpenPgpSecretKey signer;
    final long volumeSize;
    final int chunkSize;
    final int parallelism;
    final Path directory;
    final SecureRandom random = new SecureRandom();
    private final AtomicInteger partSequence = new AtomicInteger();
    private final List<PartInfo> parts = new ArrayList<>();

    SealContext(String bundleId, Instant createdAt, List<OpenPgpPublicKey> recipients, OpenPgpSecretKey signer, long volumeSize,
            int parallelism, Path directory) {
        this.bundleId = bundleId;
        this.createdAt = createdAt;
        this.recipients = recipients;
        this.signer = signer;
        this.volumeSize = volumeSize;
        this.parallelism = parallelism;
        this.directory = directory;
        this.chunkSize = chunkSize(volumeSize, recipients.size());
    }

    /** A chunk is buffered in memory per lane; an eighth of what a part can carry keeps rollover waste small. */
    static int chunkSize(long volumeSize, int recipients) {
        long room = volumeSize - PartEncryptor.sizeBound(0, recipients) - 8192;
        return (int) Math.max(4096, Math.min(FormatRules.MAX_CHUNK, room / 8));
    }

    int nextPartSequence() {
        return partSequence.incrementAndGet();
    }

    synchronized void partFinished(PartInfo part) {
        parts.add(part);
    }

    synchronized List<PartInfo> parts() {
        List<PartInfo> sorted = new ArrayList<>(parts);
        sorted.sort(java.util.Comparator.comparingInt(PartInfo::sequence));
        return sorted;
    }
}
